package io.dtaas.controlplane.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/** Applies {@link ApiAccessPolicy} to every HTTP request, before any route runs. */
@ApplicationScoped
public class ApiTokenFilter {

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    private static final String UNAUTHORIZED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"this server requires 'Authorization: Bearer <DTAAS_API_TOKEN>'\",\"errors\":[]}";

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.host") String host,
                  @ConfigProperty(name = "dtaas.api-token") Optional<String> token) {
        ApiAccessPolicy policy = ApiAccessPolicy.of(host, token.orElse(null));
        if (policy.tokenRequired()) {
            LOG.infof("listening on %s: /api and /ws require the API token", host);
        }
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (policy.allows(path, rc.request().getHeader("Authorization"), rc.request().getParam("access_token"))) {
                rc.next();
            } else {
                rc.response().setStatusCode(401)
                        .putHeader("Content-Type", "application/problem+json")
                        .putHeader("WWW-Authenticate", "Bearer realm=\"dtaas\"")
                        .end(UNAUTHORIZED);
            }
        }, 100);
    }
}
