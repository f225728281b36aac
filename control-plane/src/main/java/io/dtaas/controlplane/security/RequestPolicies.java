package io.dtaas.controlplane.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The request policies of this process, built once from its configuration. */
@ApplicationScoped
public class RequestPolicies {

    private final String host;
    private final ApiAccessPolicy access;
    private final BrowserRequestPolicy browsers;

    public RequestPolicies(@ConfigProperty(name = "quarkus.http.host") String host,
                           @ConfigProperty(name = "dtaas.api-token") Optional<String> token,
                           @ConfigProperty(name = "dtaas.allowed-hosts") Optional<String> allowedHosts,
                           @ConfigProperty(name = "dtaas.allowed-origins") Optional<String> allowedOrigins) {
        this.host = host;
        this.access = ApiAccessPolicy.of(host, token.orElse(null), PublicResources.ofThisBuild());
        this.browsers = BrowserRequestPolicy.of(host, list(allowedHosts), list(allowedOrigins));
    }

    private static List<String> list(Optional<String> commaSeparated) {
        return commaSeparated.map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList())
                .orElse(List.of());
    }

    public String host() {
        return host;
    }

    public ApiAccessPolicy access() {
        return access;
    }

    public BrowserRequestPolicy browsers() {
        return browsers;
    }
}
