package io.dtaas.controlplane.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies larger than {@code quarkus.http.limits.max-body-size} are answered with a small 413 problem
 * document at once when Content-Length says so (nothing is read). A chunked body that grows past the limit
 * while it is read is cut off by the server itself, with an empty 413 and the connection closed
 * ({@link TooLarge} then ends the request quietly); requests that fail with 413 before any resource runs are
 * given the problem document here.
 */
@ApplicationScoped
public class BodyLimit {

    /** A body that grew past the limit while it was read; the server has answered 413 already. */
    public static final class TooLarge extends RuntimeException {

        public TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        long limit = max.asLongValue();
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && tooLong(length, limit)) {
                rc.response().putHeader("Connection", "close");
                respond(rc.response(), limit);
            } else {
                rc.next();
            }
        }, 50);
    }

    void failures(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        long limit = max.asLongValue();
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                respond(rc.response(), limit);
            } else {
                rc.next();
            }
        });
    }

    private static boolean tooLong(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the server refuses a malformed length itself
        }
    }

    private static void respond(io.vertx.core.http.HttpServerResponse response, long limit) {
        response.setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end("{\"type\":\"about:blank\",\"title\":\"Request body too large\",\"status\":413,"
                        + "\"detail\":\"the request body is larger than the limit of " + limit + " bytes\",\"errors\":[]}");
    }
}
