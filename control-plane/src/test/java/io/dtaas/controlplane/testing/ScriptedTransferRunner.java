package io.dtaas.controlplane.testing;

import io.dtaas.engine.CheckpointStore;
import io.dtaas.engine.ProgressSink;
import io.dtaas.engine.RunControl;
import io.dtaas.engine.TransferRunner;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import jakarta.annotation.Priority;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The engine's stand-in for control-plane tests: our own component boundary ({@link TransferRunner}), not a
 * mock of a database. It "moves" each table of the job in batches, one batch per chunk, honouring stop and
 * pause between batches and checkpointing every batch in the real {@link CheckpointStore}, so a resumed run
 * skips what an earlier one committed. A script per task name can fail it at a batch or hold it at a gate
 * until the test lets it go.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@IfBuildProperty(name = "dtaas.test.scripted-runner", stringValue = "true", enableIfMissing = true)
public class ScriptedTransferRunner implements TransferRunner {

    public static final String FINGERPRINT = "scripted-v1";
    private static final long GATE_TIMEOUT_SECONDS = 60;

    private final CheckpointStore checkpoints;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();

    public ScriptedTransferRunner(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** The script for the task named {@code taskName}, replacing any earlier one. Tasks without one run the defaults. */
    public Script script(String taskName) {
        Script s = new Script();
        scripts.put(taskName, s);
        return s;
    }

    /** How a task's runs behave. Defaults: 3 batches of 100 rows per table, no failure, no gate. */
    public static final class Script {

        private volatile int batches = 3;
        private volatile long rowsPerBatch = 100;
        private volatile String failTable;
        private volatile int failBatch = -1;
        private volatile String failMessage;
        private volatile String gateTable;
        private volatile int gateBatch = -1;
        private volatile Gate gate;

        public Script batches(int n, long rows) {
            batches = n;
            rowsPerBatch = rows;
            return this;
        }

        public Script failAt(String table, int batch, String message) {
            failTable = table;
            failBatch = batch;
            failMessage = message;
            return this;
        }

        /** Holds the first run that reaches {@code batch} of {@code table}, before it checks stop/pause. */
        public Gate holdBefore(String table, int batch) {
            gateTable = table;
            gateBatch = batch;
            gate = new Gate();
            return gate;
        }

        public long rowsPerBatch() {
            return rowsPerBatch;
        }
    }

    /** Where a held run waits: the test awaits {@link #awaitReached()}, acts, then calls {@link #release()}. */
    public static final class Gate {

        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public void awaitReached() throws InterruptedException {
            if (!reached.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the run never reached its gate");
            }
        }

        public void release() {
            released.countDown();
        }

        void pass() {
            if (reached.getCount() == 0) {
                return; // one-shot: a resumed run passes freely
            }
            reached.countDown();
            try {
                released.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ExecutionStatus run(JobSpec job, RunControl control, ProgressSink progress) {
        return new Run(job, control, progress, scripts.getOrDefault(job.taskName(), new Script())).go();
    }

    /** One execution's walk through its tables. */
    private final class Run {

        private final JobSpec job;
        private final RunControl control;
        private final ProgressSink sink;
        private final Script script;
        private final List<TableProgress> tables = new ArrayList<>();
        private final long startNanos = System.nanoTime();
        private long processed;

        Run(JobSpec job, RunControl control, ProgressSink sink, Script script) {
            this.job = job;
            this.control = control;
            this.sink = sink;
            this.script = script;
        }

        ExecutionStatus go() {
            for (String table : job.config().tables()) {
                int done = checkpointed(table).size();
                tables.add(new TableProgress(table, done == script.batches ? "completed" : "pending",
                        done * script.rowsPerBatch, 0, done, script.batches, null));
            }
            for (int t = 0; t < tables.size(); t++) {
                ExecutionStatus end = moveTable(t);
                if (end != null) {
                    return end;
                }
            }
            return end(ExecutionStatus.COMPLETED, null);
        }

        /** @return the execution's end when it ended in this table, else null */
        private ExecutionStatus moveTable(int t) {
            String table = tables.get(t).table();
            Set<Integer> done = checkpointed(table);
            for (int b = 0; b < script.batches; b++) {
                if (done.contains(b)) {
                    continue;
                }
                if (b == script.gateBatch && table.equals(script.gateTable)) {
                    script.gate.pass();
                }
                if (control.stopRequested()) {
                    return end(ExecutionStatus.STOPPED, null);
                }
                if (control.pauseRequested()) {
                    return end(ExecutionStatus.PAUSED, null);
                }
                if (b == script.failBatch && table.equals(script.failTable)) {
                    String error = "task " + job.taskName() + ", table " + table + ", chunk " + b + ": " + script.failMessage;
                    update(t, "failed", 0, error);
                    return end(ExecutionStatus.FAILED, error);
                }
                checkpoints.markCompleted(job.taskId(), table, FINGERPRINT, b, script.rowsPerBatch);
                processed += script.rowsPerBatch;
                update(t, b == script.batches - 1 ? "completed" : "running", script.rowsPerBatch, null);
                sink.publish(event(ExecutionStatus.RUNNING, null));
            }
            return null;
        }

        private Set<Integer> checkpointed(String table) {
            return checkpoints.completedChunks(job.taskId(), table, FINGERPRINT);
        }

        private void update(int t, String state, long rows, String error) {
            TableProgress p = tables.get(t);
            int chunks = p.chunksDone() + (rows > 0 ? 1 : 0);
            tables.set(t, new TableProgress(p.table(), state, p.rows() + rows, p.bytes() + rows * 10, chunks,
                    p.chunksTotal(), error));
        }

        private ExecutionStatus end(ExecutionStatus status, String error) {
            sink.publish(event(status, error));
            return status;
        }

        private ProgressEvent event(ExecutionStatus status, String error) {
            double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
            return new ProgressEvent(job.executionId(), job.taskId(), status, processed, processed * 10,
                    processed / seconds, List.copyOf(tables), error, Instant.now());
        }
    }
}
