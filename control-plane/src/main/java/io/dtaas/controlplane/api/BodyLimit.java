package io.dtaas.controlplane.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies larger than {@code quarkus.http.limits.max-body-size} are answered with a small 413 problem
 * document: at once when Content-Length says so (nothing is read), and when a chunked body grows past the
 * limit while read (the server fails the request with 413, rendered here instead of an empty answer).
 */
@ApplicationScoped
public class BodyLimit {

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
