package io.dtaas.connect;

import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.TransientError;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Change data capture as a capability of a source connector type ({@link Connector#changeCapture()}):
 * everything that depends on the source's log lives behind this interface, in the connector's own package. The
 * change-capture engine ({@code io.dtaas.cdc}) adds what is the same for every source (offset storage, batching,
 * value conversion) and never asks which source it follows.
 *
 * <p>Lifecycle, per execution of a {@code cdc} or {@code full_load_then_cdc} task, all on the execution's thread:
 * <ol>
 *   <li>{@link #preflight} once before the stream starts (a misconfigured server fails with the fix);</li>
 *   <li>{@link #storedPositionLost} once when the task has a stored position;</li>
 *   <li>{@code full_load_then_cdc} only, before the first stream: {@link #beginHandoff}, the full load, then
 *       {@link SnapshotHandoff#loaded()} and {@link SnapshotHandoff#close()};</li>
 *   <li>{@link #configure} once per stream start; the engine then runs on threads of its own;</li>
 *   <li>{@link #retainedBytes} every few seconds while streaming (a metric: never throws);</li>
 *   <li>{@link #lostPosition} when the stream ends with an error;</li>
 *   <li>{@link #cleanUp} when the task is deleted or resynced (on a request thread, no stream running).</li>
 *   <li>{@link #retainedLog} periodically by the control-plane, for every streaming task whether it runs or not.</li>
 * </ol>
 * Implementations are stateless and thread-safe; every method that talks to the server opens its own short
 * connection through the connector's endpoint, so TLS and the pinned driver options apply as everywhere else.
 */
public interface ChangeCapture {

    /**
     * Sets the Debezium connector's class and the source-specific settings: connection (host, port, user,
     * password, TLS as the connector is configured), database, the plan's tables, the schema history file when
     * the connector needs one, and driver options pinned off as in every other connection of the connector.
     */
    void configure(Properties debezium, ConfigValues source, CapturePlan plan);

    /**
     * What the server lacks for change capture of these tables, each problem with the setting and the fix.
     *
     * @throws TransientError when the source cannot be reached
     */
    PreflightReport preflight(ConfigValues source, String streamId, List<TableRef> tables);

    /**
     * Checked when the task has a stored position: the message saying the source no longer holds it and what to do
     * (PostgreSQL: the slot is gone); empty while it does. Sources whose lost position only the stream itself
     * notices (a purged binlog) answer empty.
     *
     * @throws TransientError when the source cannot be reached
     */
    default Optional<String> storedPositionLost(ConfigValues source, long taskId, String streamId) {
        return Optional.empty();
    }

    /** The bytes of log the source keeps for the stream (PostgreSQL: WAL behind the slot); null when unknown. */
    default Long retainedBytes(ConfigValues source, String streamId) {
        return null;
    }

    /**
     * What the source keeps of its log for the stream, its slot's state included; empty when this source cannot
     * tell (the control-plane then measures nothing for the task).
     *
     * @throws TransientError when the source cannot be reached
     */
    default Optional<RetainedLog> retainedLog(ConfigValues source, String streamId) {
        return Optional.empty();
    }

    /**
     * The source's current change position (PostgreSQL: {@code pg_current_wal_lsn()}; MariaDB/MySQL: the binlog
     * file and position with the executed GTIDs): every transaction committed before the call lies before it. For validation's consistent point; empty when the source cannot say.
     */
    default Optional<String> currentPosition(ConfigValues source) {
        return Optional.empty();
    }

    /**
     * Whether the stream has applied everything before {@code position}, a value {@link #currentPosition} returned;
     * empty when unknown (no such stream, no offset committed yet, positions that cannot be compared). PostgreSQL
     * asks its slot ({@code confirmed_flush_lsn}, confirmed after a batch is written to the target); MariaDB/MySQL
     * compare with the stream's {@code committed} offsets (binlog file/position, GTIDs), which the engine commits
     * only after a batch is applied. {@code committed} reads them from the stream's store on each call.
     */
    default Optional<Boolean> appliedUpTo(ConfigValues source, String streamId, String position,
                                          java.util.function.Supplier<List<StreamOffset>> committed) {
        return Optional.empty();
    }

    /** The message saying the stream's position is gone and what to do, when {@code error} means that. */
    Optional<String> lostPosition(Throwable error, long taskId, String streamId);

    /** Whether {@link #beginHandoff} is supported: {@code full_load_then_cdc} from this source. */
    default boolean handsOverLoads() {
        return false;
    }

    /**
     * Fixes where the stream will start before a full load, so that the load and the stream together hold every
     * change exactly once (docs/cdc.md, "full_load_then_cdc"). The load runs between this call and
     * {@link SnapshotHandoff#loaded()}, reading through {@code reader}.
     *
     * @throws ConfigError when this source cannot hand a load over to a stream
     */
    default SnapshotHandoff beginHandoff(ConfigValues source, String streamId, List<TableRef> tables, Source reader) {
        throw new ConfigError("mode", "full_load_then_cdc is not supported from this source; use cdc, or "
                + "full_load then cdc as two tasks");
    }

    /**
     * Debezium settings for a stream that starts at a position a handoff seeded and that has no schema history yet
     * (MySQL/MariaDB: build the history from the current schema). Empty for sources without a schema history.
     */
    default Map<String, String> settingsAfterHandoff() {
        return Map.of();
    }

    /**
     * Removes what the stream owns on the source (PostgreSQL: its slot and publication). Never throws: an
     * unreachable source or an object in use ends up in {@link CaptureCleanup#leftOver()} with the statement to run.
     */
    default CaptureCleanup cleanUp(ConfigValues source, String streamId) {
        return CaptureCleanup.NOTHING;
    }

    /**
     * Whether single tables can be copied into a running stream (incremental snapshots through a signal table,
     * issue 16): adding a table, resyncing one, resuming a paused or failed one.
     */
    default boolean copiesTablesOnline() {
        return false;
    }

    /** Creates the stream's signal table when absent (the source's role must be allowed to). */
    default void prepareSignalTable(ConfigValues source, TableRef table) {
        throw new ConfigError("mode", "this source cannot copy single tables into a running stream");
    }

    /** Writes a signal for the stream (Debezium's id, type, data), committed before this returns. */
    default void signal(ConfigValues source, TableRef table, String id, String type, String data) {
        throw new ConfigError("mode", "this source cannot copy single tables into a running stream");
    }

    /**
     * Makes what the source sends the stream cover exactly {@code tables} before the stream (re)starts
     * (PostgreSQL: the publication, when it exists; the stream creates it otherwise). Nothing elsewhere.
     */
    default void follow(ConfigValues source, String streamId, List<TableRef> tables) {
    }

    /** The statements an operator runs to remove what the stream owns when DTaaS cannot (source unreachable). */
    default List<String> manualCleanup(String streamId) {
        return List.of();
    }
}
