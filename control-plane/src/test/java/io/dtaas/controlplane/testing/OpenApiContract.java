package io.dtaas.controlplane.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the API to its own document: every request an API test sends through RestAssured, and every answer, is
 * validated against the running server's {@code /openapi.json}. Answers are always checked (errors too: they are
 * documented); requests only when the server accepted them (a 2xx for a body the document forbids means the
 * document lies), since many tests send bad input on purpose.
 */
public final class OpenApiContract implements Filter {

    private final Map<Integer, OpenApiInteractionValidator> validators = new ConcurrentHashMap<>();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext ctx) {
        Response answer = ctx.next(request, response);
        URI uri = URI.create(request.getURI());
        if (!uri.getPath().startsWith("/api/") && !uri.getPath().equals("/api")) {
            return answer;
        }
        OpenApiInteractionValidator validator = validators.computeIfAbsent(uri.getPort(), OpenApiContract::load);
        Request req = RestAssuredRequest.of(request);
        ValidationReport report = validator.validateResponse(uri.getPath(), req.getMethod(), RestAssuredResponse.of(answer));
        if (answer.statusCode() / 100 == 2) {
            report = report.merge(validator.validateRequest(req));
        }
        if (report.hasErrors()) {
            throw new AssertionError("the API and /openapi.json disagree on " + req.getMethod() + " " + uri.getPath()
                    + " -> " + answer.statusCode() + ":\n" + report.getMessages().stream()
                    .map(m -> "  - " + m.getKey() + ": " + m.getMessage()).reduce("", (a, b) -> a + b + "\n")
                    + "response body: " + abbreviate(answer.asString()));
        }
        return answer;
    }

    private static OpenApiInteractionValidator load(int port) {
        try (InputStream in = URI.create("http://127.0.0.1:" + port + "/openapi.json").toURL().openStream()) {
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // an undocumented path is the API's 404, which tests provoke on purpose: nothing to hold it to
            return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE).build())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /openapi.json on port " + port, e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
