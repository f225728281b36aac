package io.dtaas.controlplane.cluster;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.metadata.ExecutionTable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the reconciler does for one active distributed execution, decided from what the metadata database records
 * (its planned tables and their final reports, the claims workers renew) and what Redis still holds (its job
 * entries, pending or not yet delivered). Redis is never the only witness of work owed: a table with no final
 * report, no job entry and no live claim for longer than the grace is lost, and is queued again (or, when the
 * execution is stopping, ended as stopped). No I/O here; {@link ExecutionReconciler} gathers and applies.
 */
final class Reconciliation {

    /** The key of an execution's own job: its plan job, or its change stream's job. */
    static final String EXECUTION = "";
    /** The lease key of a task's change stream (the worker's JobHandler.STREAM_LEASE). */
    static final String STREAM_LEASE = "*change stream*";

    sealed interface Step {
    }

    /** Every recorded table has ended: end the execution from the records. */
    record Settle() implements Step {
    }

    /** Queue the job again: the execution's own job when {@code table} is null, else that table's. */
    record Requeue(String table) implements Step {
    }

    /** End a table whose job is lost while its execution is stopping: it will not run again. */
    record EndLostTable(String table) implements Step {
    }

    /** End an execution whose own job is lost while it is stopping (nothing of it runs). */
    record EndStopped() implements Step {
    }

    /** Set the stop key again, in case Redis lost it: running jobs read it at their next heartbeat. */
    record RestateStop() implements Step {
    }

    private Reconciliation() {
    }

    /**
     * @param liveJobs   job entries of the execution Redis holds: {@link #EXECUTION} and/or table names
     * @param liveLeases lease keys of the execution renewed within the lease
     * @param lost       marks a key as found without job or claim; true once it has been so for the grace
     */
    static List<Step> decide(ExecutionStatus status, JobKind kind, List<ExecutionTable> tables, Set<String> liveJobs,
                             Set<String> liveLeases, Predicate<String> lost) {
        List<Step> steps = new ArrayList<>();
        boolean stopping = status == ExecutionStatus.STOPPING;
        if (stopping) {
            steps.add(new RestateStop());
        }
        boolean ownJobLive = liveJobs.contains(EXECUTION);
        if (kind != JobKind.FULL_LOAD) { // one job follows the whole execution
            if (!ownJobLive && !liveLeases.contains(STREAM_LEASE) && lost.test(EXECUTION)) {
                steps.add(stopping ? new EndStopped() : new Requeue(null));
            }
            return steps;
        }
        if (tables.isEmpty()) { // not planned yet: the plan job must be somewhere
            if (!ownJobLive && lost.test(EXECUTION)) {
                steps.add(stopping ? new EndStopped() : new Requeue(null));
            }
            return steps;
        }
        if (tables.stream().allMatch(ExecutionTable::finished)) {
            steps.add(new Settle());
            return steps;
        }
        if (ownJobLive) {
            return steps; // a plan job runs (again): it queues the tables not yet ended
        }
        boolean ended = false;
        for (ExecutionTable t : tables) {
            if (t.finished() || liveJobs.contains(t.table()) || liveLeases.contains(t.table()) || !lost.test(t.table())) {
                continue;
            }
            if (stopping) {
                steps.add(new EndLostTable(t.table()));
                ended = true;
            } else {
                steps.add(new Requeue(t.table()));
            }
        }
        if (ended) {
            steps.add(new Settle());
        }
        return steps;
    }

    /**
     * Since when each key (execution and table) has been found without job or claim, across passes. A key found
     * alive, or not looked at in a pass, starts over.
     */
    static final class LostSince {

        private final Duration grace;
        private final Map<String, Instant> since = new HashMap<>();
        private final Set<String> seen = new HashSet<>();

        LostSince(Duration grace) {
            this.grace = grace;
        }

        /** Marks {@code key} of {@code executionId} as lost now; true when it has been lost for the grace. */
        boolean lost(long executionId, String key, Instant now) {
            String k = executionId + "/" + key;
            seen.add(k);
            Instant first = since.computeIfAbsent(k, x -> now);
            return Duration.between(first, now).compareTo(grace) >= 0;
        }

        /** Forgets keys not found lost in the pass that just ended, and starts the next pass. */
        void endPass() {
            since.keySet().retainAll(seen);
            seen.clear();
        }

        /** Forgets a key that was acted on: it must be found lost for a whole grace again. */
        void reset(long executionId, String key) {
            since.remove(executionId + "/" + key);
        }
    }
}
