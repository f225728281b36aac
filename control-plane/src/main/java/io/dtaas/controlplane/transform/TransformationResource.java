package io.dtaas.controlplane.transform;

import io.dtaas.transform.TransformationType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /api/transformations}: the catalogue of types (for forms) and previews on real rows. */
@Path("/api/transformations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Transformations")
public class TransformationResource {

    private final TransformationPreview preview;

    public TransformationResource(TransformationPreview preview) {
        this.preview = preview;
    }

    @GET
    @Path("/types")
    @Operation(summary = "Every transformation type with its category, settings and whether CDC tasks may use it")
    public List<TransformationType.Info> types() {
        return TransformationType.catalogue();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply transformations to the first rows of a table: rows and columns before and after")
    @APIResponse(responseCode = "200", description = "the sample before and after the transformations",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PreviewResult.class)))
    @APIResponse(responseCode = "408", description = "the preview ran past its deadline and was stopped")
    public PreviewResult preview(PreviewRequest request) {
        return preview.preview(request);
    }
}
