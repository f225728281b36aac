package io.dtaas.worker;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The jobs this worker runs now, by stream entry id; shared by the consumer, the lease keeper and control. */
@ApplicationScoped
public class RunningJobs {

    private final ConcurrentMap<String, JobRun> runs = new ConcurrentHashMap<>();

    void add(JobRun run) {
        runs.put(run.entryId(), run);
    }

    void remove(JobRun run) {
        runs.remove(run.entryId());
    }

    Collection<JobRun> all() {
        return runs.values();
    }

    List<JobRun> ofExecution(long executionId) {
        return runs.values().stream().filter(r -> r.executionId() == executionId).toList();
    }

    public int count() {
        return runs.size();
    }
}
