package io.dtaas.controlplane.transform;

import io.dtaas.controlplane.api.Problem;
import io.dtaas.controlplane.api.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A preview past its deadline is a 408; mapped here so the shared error layer knows no feature's exceptions. */
public class PreviewTimedOutMapper {

    @ServerExceptionMapper
    public Response previewTimedOut(PreviewDeadline.PreviewTimedOut e) {
        return ProblemMappers.respond(Problem.of(408, "Preview timed out", e.getMessage()));
    }
}
