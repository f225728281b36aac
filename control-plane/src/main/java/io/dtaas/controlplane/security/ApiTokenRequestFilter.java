package io.dtaas.controlplane.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The second line of defence, decided on what the router dispatched: every REST resource method of this server is
 * API, so each one requires the token when a token is required, however the path that reached it was spelt.
 */
public class ApiTokenRequestFilter {

    private final RequestPolicies policies;

    public ApiTokenRequestFilter(RequestPolicies policies) {
        this.policies = policies;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Response requireToken(ContainerRequestContext request) {
        if (policies.access().presents(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        return Response.status(401).type("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"dtaas\"").entity(ApiTokenFilter.UNAUTHORIZED).build();
    }
}
