package io.dtaas.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.dtaas.engine.TableCommand;
import io.dtaas.job.TransferConfig;

import java.util.List;
import java.util.Optional;

/**
 * An entry of {@link ClusterKeys#control()}: stop or pause an execution at its next batch boundary, or a
 * per-table request for its running change stream (issue 16), taken between batches like in standalone mode.
 * Stop and pause carry only the execution and the action, as they always did; the per-table actions add the
 * tables named, or (reconfigure) the task's new settings.
 *
 * @param tables the tables of a resync, pause or resume; null otherwise
 * @param config the task's settings after a change of its tables (reconfigure); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlMessage(long executionId, Action action, List<String> tables, TransferConfig config) {

    public ControlMessage(long executionId, Action action) {
        this(executionId, action, null, null);
    }

    /** The message carrying a per-table request to the worker running the execution's change stream. */
    public static ControlMessage of(long executionId, TableCommand command) {
        return switch (command) {
            case TableCommand.Reconfigure r -> new ControlMessage(executionId, Action.RECONFIGURE, null, r.config());
            case TableCommand.Resync r -> new ControlMessage(executionId, Action.RESYNC_TABLES, r.tables(), null);
            case TableCommand.Pause p -> new ControlMessage(executionId, Action.PAUSE_TABLES, p.tables(), null);
            case TableCommand.Resume r -> new ControlMessage(executionId, Action.RESUME_TABLES, r.tables(), null);
        };
    }

    /** The per-table request this message carries; empty for a stop or pause of the whole execution. */
    public Optional<TableCommand> tableCommand() {
        List<String> named = tables == null ? List.of() : tables;
        return switch (action) {
            case STOP, PAUSE -> Optional.empty();
            case RECONFIGURE -> Optional.ofNullable(config).map(TableCommand.Reconfigure::new);
            case RESYNC_TABLES -> Optional.of(new TableCommand.Resync(named));
            case PAUSE_TABLES -> Optional.of(new TableCommand.Pause(named));
            case RESUME_TABLES -> Optional.of(new TableCommand.Resume(named));
        };
    }

    public enum Action {
        STOP("stop"),
        PAUSE("pause"),
        RECONFIGURE("reconfigure"),
        RESYNC_TABLES("resync_tables"),
        PAUSE_TABLES("pause_tables"),
        RESUME_TABLES("resume_tables");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        public static Action fromWire(String name) {
            for (Action a : values()) {
                if (a.wireName.equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown control action " + name);
        }
    }
}
