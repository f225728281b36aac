package io.dtaas.controlplane.task;

import io.dtaas.engine.TargetPreview;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Answer of the targets endpoints: each selected source table and where it lands.
 *
 * @param note why locations are missing (null when every location is known)
 */
public record TargetsView(
        @Schema(description = "source (schema.table), target (schema.table) and location (the table, or a file"
                + " destination's folder; null when only a run can resolve it)") List<TargetPreview.Target> targets,
        @Schema(nullable = true) String note) {
}
