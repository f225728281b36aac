package io.dtaas.controlplane.task;

import io.dtaas.engine.TargetPreview;
import io.dtaas.error.FieldProblem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Answer of the targets endpoints: each selected source table and where it lands.
 *
 * @param note     why locations are missing (null when every location is known)
 * @param problems for a draft with a mode: what saving it would refuse, each naming {@code config.tables[i]} or
 *                 {@code source_connector_id} (empty for a stored task)
 */
public record TargetsView(
        @Schema(description = "source (schema.table), target (schema.table) and location (the table, or a file"
                + " destination's folder; null when only a run can resolve it)") List<TargetPreview.Target> targets,
        @Schema(nullable = true) String note,
        @Schema(description = "what saving the draft would refuse: field (config.tables[i] or source_connector_id)"
                + " and message") List<FieldProblem> problems) {

    TargetsView withProblems(List<FieldProblem> found) {
        return new TargetsView(targets, note, List.copyOf(found));
    }
}
