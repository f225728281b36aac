package io.dtaas.controlplane.security;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The WebSocket endpoint's own check, on the upgrade it is about to accept: the token (header or
 * {@code ?access_token=}) when one is required, and no foreign {@code Origin} (a page on another site must not
 * subscribe to progress events through the user's browser).
 */
@ApplicationScoped
public class WebSocketUpgradeCheck implements HttpUpgradeCheck {

    private final RequestPolicies policies;

    public WebSocketUpgradeCheck(RequestPolicies policies) {
        this.policies = policies;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest req = context.httpRequest();
        ApiAccessPolicy access = policies.access();
        if (!access.presents(req.getHeader(HttpHeaders.AUTHORIZATION)) && !access.matches(req.getParam("access_token"))) {
            return CheckResult.rejectUpgrade(401);
        }
        var upgrade = new BrowserRequestPolicy.Request("GET", req.getHeader(HttpHeaders.HOST),
                req.getHeader(HttpHeaders.ORIGIN), req.getHeader("Sec-Fetch-Site"), null, false, true);
        return policies.browsers().check(upgrade).isPresent() ? CheckResult.rejectUpgrade(403) : CheckResult.permitUpgrade();
    }
}
