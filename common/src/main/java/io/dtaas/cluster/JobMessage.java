package io.dtaas.cluster;

import io.dtaas.data.TableRef;
import io.dtaas.job.JobSpec;

/**
 * An entry of {@link ClusterKeys#jobs()}: plan an execution ({@code table} null: select its tables and queue
 * one job per table), or load one table of it. Tables are the unit workers share, so one execution's tables
 * spread over the workers and a dead worker costs only its tables' chunks in flight.
 */
public record JobMessage(JobSpec job, TableRef table) {

    public static JobMessage plan(JobSpec job) {
        return new JobMessage(job, null);
    }

    public static JobMessage table(JobSpec job, TableRef table) {
        return new JobMessage(job, table);
    }

    public boolean isPlan() {
        return table == null;
    }
}
