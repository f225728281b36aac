package io.dtaas.controlplane.task;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.connect.objectstore.FileNameTemplate;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.job.JobKind;
import io.dtaas.job.TransferConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * A task's file names and value folders, checked at save against what only the task and its destination know
 * together: the file name template (the task's or the connector's) needs {@code {part}} when the destination splits
 * chunks into several files, and {@code {run}} unless the task overwrites (else a run's files replace the previous
 * run's). The destination checks the same again when a run starts, in case its connector changed meanwhile.
 */
@ApplicationScoped
public class FileDestinationChecks {

    private static final String CONNECTOR = "destination_connector_id";

    private final ConnectorRegistry registry;

    public FileDestinationChecks(ConnectorRegistry registry) {
        this.registry = registry;
    }

    /** Adds a problem per setting at fault; {@code destination} may be null (already reported). */
    void check(TransferConfig transfer, JobKind mode, Long destination, List<FieldProblem> problems) {
        ConnectorEntity target = destination == null ? null : ConnectorEntity.findById(destination);
        if (target == null) {
            return;
        }
        Map<String, String> own = transfer.destinationSettings();
        boolean files = registry.find(target.typeId).map(c -> c.type().fields().stream()
                .anyMatch(f -> f.name().equals("file_name_template"))).orElse(false);
        if (!files) {
            own.keySet().forEach(key -> problems.add(new FieldProblem("config." + key, "only file destinations "
                    + "(s3, local_files) take it; connector " + destination + " is " + target.typeId)));
            return;
        }
        Map<String, Object> stored = target.connectionConfig == null ? Map.of() : target.connectionConfig;
        try {
            List<String> columns = FileLayout.partitionColumns(setting("partition_by", own, stored),
                    field("partition_by", own));
            int maxRows = stored.get("max_rows_per_file") instanceof Number n ? n.intValue() : 0;
            FileNameTemplate names = FileNameTemplate.parse(setting("file_name_template", own, stored),
                    maxRows > 0 || !columns.isEmpty(), field("file_name_template", own));
            WriteMode written = mode == JobKind.FULL_LOAD_THEN_CDC ? WriteMode.OVERWRITE : transfer.writeMode();
            if (mode != JobKind.CDC && written != WriteMode.OVERWRITE && !names.hasRun()) {
                boolean ownNames = own.containsKey("file_name_template");
                problems.add(new FieldProblem(ownNames ? "config.file_name_template" : "config.write_mode",
                        (ownNames ? "" : "is " + written.wireName() + ", so the destination's file_name_template ")
                                + "must contain {run}: without it each run's files replace the previous run's "
                                + "(only overwrite means that)"));
            }
        } catch (ConfigError e) {
            e.problems().forEach(p -> problems.add(p.field().equals(CONNECTOR)
                    ? new FieldProblem(CONNECTOR, "connector " + destination + "'s settings: " + p.message()) : p));
        }
    }

    private static String setting(String key, Map<String, String> own, Map<String, Object> stored) {
        return own.containsKey(key) ? own.get(key) : stored.get(key) instanceof String s ? s : null;
    }

    /** Where a problem lies: the task's own setting, or its destination connector's. */
    private static String field(String key, Map<String, String> own) {
        return own.containsKey(key) ? "config." + key : CONNECTOR;
    }
}
