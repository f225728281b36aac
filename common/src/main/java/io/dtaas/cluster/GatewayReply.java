package io.dtaas.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.SystemError;
import io.dtaas.error.TransientError;

import java.util.List;

/**
 * A worker's answer to a {@link GatewayRequest}: the result, or the error the connector raised, carried so the
 * control-plane raises the same kind (and so answers the same HTTP status) as in standalone mode.
 *
 * @param errorKind {@code config}, {@code not_found}, {@code transient}, {@code data} or {@code system}
 */
public record GatewayReply(JsonNode result, String errorKind, String message, List<FieldProblem> problems,
                           String workerId) {

    public static GatewayReply ok(JsonNode result, String workerId) {
        return new GatewayReply(result, null, null, null, workerId);
    }

    public static GatewayReply failed(DtaasException e, String workerId) {
        return switch (e) {
            case ConfigError c -> new GatewayReply(null, "config", c.getMessage(), c.problems().stream()
                    .limit(ConfigError.MAX_SHOWN).toList(), workerId);
            case NotFoundError n -> new GatewayReply(null, "not_found", n.getMessage(), null, workerId);
            case TransientError t -> new GatewayReply(null, "transient", t.getMessage(), null, workerId);
            case DataError d -> new GatewayReply(null, "data", d.getMessage(), null, workerId);
            case SystemError s -> new GatewayReply(null, "system", s.getMessage(), null, workerId);
        };
    }

    public boolean failed() {
        return errorKind != null;
    }

    /** The error as the exception the worker caught. */
    public DtaasException error() {
        return switch (errorKind) {
            case "config" -> problems == null || problems.isEmpty() ? new ConfigError("request", message)
                    : new ConfigError(problems);
            case "not_found" -> new NotFoundError(message);
            case "transient" -> new TransientError(message, null);
            case "data" -> new DataError(message, null);
            default -> new SystemError(message, null);
        };
    }
}
