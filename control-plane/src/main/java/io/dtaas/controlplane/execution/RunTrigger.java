package io.dtaas.controlplane.execution;

/**
 * What started an execution, shown in the run detail: a user's start or resume through the API, the schedule, or
 * the schedule starting again after a failed run.
 */
public enum RunTrigger {
    MANUAL, RESUME, SCHEDULE, RETRY;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
