package io.dtaas.controlplane.api;

import io.dtaas.error.ConfigError;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/** Query and path parameters holding a NUL character are a 422 naming the parameter, like body fields ({@link NulCharacters}). */
public class NulParameters {

    @ServerRequestFilter
    public void refuseNul(UriInfo uri) {
        check(uri.getPathParameters(), "");
        check(uri.getQueryParameters(), "query parameter ");
    }

    private static void check(MultivaluedMap<String, String> parameters, String kind) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getKey().indexOf('\0') >= 0 || p.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                throw new ConfigError(kind + p.getKey().replace("\0", "\\u0000"), NulCharacters.MESSAGE);
            }
        }
    }
}
