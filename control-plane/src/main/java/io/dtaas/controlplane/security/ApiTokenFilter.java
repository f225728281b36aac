package io.dtaas.controlplane.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The first line of defence, on every HTTP request before any route runs: {@link BrowserRequestPolicy} (Host,
 * Origin, JSON bodies), then {@link ApiAccessPolicy} on the raw path (deny by default). The routes themselves check
 * again on what they dispatch ({@link ApiTokenRequestFilter}, {@link WebSocketUpgradeCheck}).
 */
@ApplicationScoped
public class ApiTokenFilter {

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    /** Quarkus runs a filter as a route of order -priority: this one must come before every route (SpaFallback: -100). */
    private static final int FILTER_PRIORITY = 1_000_000;
    static final String UNAUTHORIZED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"this server requires 'Authorization: Bearer <DTAAS_API_TOKEN>'\",\"errors\":[]}";

    void register(@Observes Filters filters, RequestPolicies policies) {
        ApiAccessPolicy access = policies.access();
        BrowserRequestPolicy browsers = policies.browsers();
        if (access.tokenRequired()) {
            LOG.infof("listening on %s: everything but health, API docs and the dashboard's files requires the API token",
                    policies.host());
        }
        filters.register(rc -> {
            HttpServerRequest req = rc.request();
            Optional<BrowserRequestPolicy.Refusal> refusal = browsers.check(describe(req));
            if (refusal.isPresent()) {
                BrowserRequestPolicy.Refusal r = refusal.get();
                rc.response().setStatusCode(r.status()).putHeader("Content-Type", "application/problem+json")
                        .end(Problems.json(r.status(), r.title(), r.detail()));
                return;
            }
            if (access.allows(req.method().name(), req.path(), req.getHeader("Authorization"), queryToken(rc))) {
                rc.next();
            } else {
                unauthorized(rc);
            }
        }, FILTER_PRIORITY);
    }

    static void unauthorized(RoutingContext rc) {
        rc.response().setStatusCode(401)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("WWW-Authenticate", "Bearer realm=\"dtaas\"")
                .end(UNAUTHORIZED);
    }

    private static String queryToken(RoutingContext rc) {
        try {
            return rc.request().getParam("access_token");
        } catch (RuntimeException malformedQuery) {
            return null;
        }
    }

    private static BrowserRequestPolicy.Request describe(HttpServerRequest req) {
        String host = req.getHeader(HttpHeaders.HOST);
        if (host == null && req.authority() != null) {
            host = req.authority().toString();
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.strip().equals("0"));
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
        return new BrowserRequestPolicy.Request(req.method().name(), host, req.getHeader(HttpHeaders.ORIGIN),
                req.getHeader("Sec-Fetch-Site"), req.getHeader(HttpHeaders.CONTENT_TYPE), hasBody, upgrade);
    }
}
