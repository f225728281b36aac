package io.dtaas.controlplane.task;

import io.dtaas.connect.WriteMode;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.TransientError;
import io.dtaas.job.JobKind;
import io.dtaas.job.TransferConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run would refuse and the builder can know before saving: a table without a primary key where rows are
 * applied by key (merge into a database, change data capture into a database, and every full_load_then_cdc), and
 * a change-capture source that is not ready (wal_level, replication role, binlog: the run's own pre-flight).
 * Each problem names {@code config.tables[i]} or {@code source_connector_id}; an unreachable source is a warning.
 */
@ApplicationScoped
public class RunRequirements {

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public RunRequirements(ConnectorService connectors, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.gateway = gateway;
    }

    void check(long sourceId, long destinationId, JobKind mode, TransferConfig config, List<FieldProblem> problems,
               List<String> warnings) {
        ConnectorService.Resolved source = connectors.resolve(sourceId);
        ConnectorService.Resolved destination = connectors.resolve(destinationId);
        // a browsable destination is a database: it applies rows by key; file destinations append change logs
        boolean database = destination.connector().type().browsable();
        String keyedBy = keyedBy(mode, config.writeMode(), database);
        try {
            if (keyedBy != null) {
                primaryKeys(source, config.tables(), keyedBy, problems);
            }
            if (mode != JobKind.FULL_LOAD) {
                List<TableRef> tables = config.tables().stream().filter(t -> !SourceTables.isPattern(t))
                        .map(TableRef::parse).toList();
                gateway.changeCapturePreflight(source.connector(), source.values(), tables)
                        .forEach(p -> problems.add(new FieldProblem("source_connector_id",
                                "not ready for change data capture: " + p)));
            }
        } catch (TransientError unreachable) {
            warnings.add(TaskValidator.deferred(unreachable));
        }
    }

    /** Why rows are applied by primary key in this task, or null when they are not. */
    static String keyedBy(JobKind mode, WriteMode writeMode, boolean databaseDestination) {
        if (mode == JobKind.FULL_LOAD_THEN_CDC) {
            return "change data capture applies changes by primary key";
        }
        if (mode == JobKind.CDC && databaseDestination) {
            return "change data capture applies changes to database destinations by primary key";
        }
        if (mode == JobKind.FULL_LOAD && writeMode == WriteMode.MERGE && databaseDestination) {
            return "write_mode merge upserts by primary key";
        }
        return null;
    }

    private void primaryKeys(ConnectorService.Resolved source, List<String> tables, String keyedBy,
                             List<FieldProblem> problems) {
        List<FieldProblem> found = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            String table = tables.get(i);
            if (SourceTables.isPattern(table)) {
                continue; // resolved at run time; the run refuses a keyless match
            }
            try {
                if (!gateway.describe(source.connector(), source.values(), table, null).hasPrimaryKey()) {
                    found.add(new FieldProblem("config.tables[" + i + "]", "table '" + table
                            + "' has no primary key; " + keyedBy));
                }
            } catch (NotFoundError | ConfigError notHere) {
                // a missing table is reported by the tables check; an undescribable source is checked when it runs
            }
        }
        problems.addAll(found);
    }
}
