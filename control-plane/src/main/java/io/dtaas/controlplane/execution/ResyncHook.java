package io.dtaas.controlplane.execution;

/**
 * What happens around a resync besides dropping the position (implemented by the alerts, so tasks need not know
 * them): a task marked to resync is resynced when it starts, and the mark and its alert are cleared with a word on
 * what was done.
 */
public interface ResyncHook {

    /** Resyncs the task now if it is marked to (the task's stored resync mark); a no-op otherwise. */
    void beforeStart(long taskId);

    /** The task was resynced ({@code how} says how): its mark is cleared and its position_lost alert resolved. */
    void resynced(long taskId, String how);
}
