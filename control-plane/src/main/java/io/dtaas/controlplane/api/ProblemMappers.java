package io.dtaas.controlplane.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.SystemError;
import io.dtaas.error.TransientError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns every failure into a problem document with the right status; details of server errors go to the log only. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response configError(ConfigError e) {
        return respond(Problem.invalid(e.problems(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundError e) {
        return respond(Problem.of(404, "Not found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return respond(Problem.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response transientError(TransientError e) {
        return respond(Problem.of(502, "Upstream unavailable", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response dataError(DataError e) {
        return respond(Problem.of(422, "Data error", e.getMessage()));
    }

    /** Nesting, name or number beyond the limits the JSON reader is configured with ({@link JsonLimits}). */
    @ServerExceptionMapper
    public Response jsonLimits(StreamConstraintsException e) {
        return respond(Problem.of(400, "JSON limits exceeded", JsonLimits.describe(e)));
    }

    /** The server answered 413 while the body was read; whatever is returned here is not written. */
    @ServerExceptionMapper
    public Response bodyTooLarge(BodyLimit.TooLarge e) {
        return respond(Problem.of(413, "Request body too large", "the request body is larger than the limit"));
    }

    @ServerExceptionMapper
    public Response systemError(SystemError e) {
        return serverError(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return respond(Problem.of(400, "Malformed JSON", "the request body is not valid JSON" + where));
    }

    @ServerExceptionMapper
    public Response wrongJsonType(MismatchedInputException e) {
        return respond(fieldTypeProblem(e));
    }

    @ServerExceptionMapper
    public Response wrongJsonValue(InvalidFormatException e) {
        return respond(fieldTypeProblem(e));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return respond(Problem.of(400, "Malformed JSON", "the request body could not be read as JSON"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limits) {
                return jsonLimits(limits);
            }
            if (cause instanceof ConfigError config) {
                return configError(config);
            }
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return wrongJsonType(mismatch);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverError(e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage() == null ? title : e.getMessage()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        return serverError(e);
    }

    private static Problem fieldTypeProblem(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? "must be " + describe(m.getTargetType()) : "has the wrong type";
        if (field.isEmpty()) {
            return Problem.of(400, "Malformed JSON", "the request body must be a JSON object");
        }
        return Problem.invalid(List.of(new FieldProblem(field, expected)), field + ": " + expected);
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a " + type.getSimpleName();
    }

    private static Response serverError(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, reference %s", reference);
        Problem p = new Problem("about:blank", "Internal error", 500,
                "an unexpected error occurred; the server log has the details under the reference", List.of(), null,
                reference);
        return respond(p);
    }

    /** The problem as the HTTP response every mapper gives (features with their own exceptions map them with it). */
    public static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
