package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.job.ExecutionStatus;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user can do to a task, and from which status: the transition table of docs/state-machine.md.
 * Repeating an action whose effect is already under way (start while running, stop while stopping, pause
 * while paused) is answered with the current execution, not refused, so it is not listed here.
 */
public enum TaskAction {
    START, RESUME, PAUSE, STOP, DELETE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The actions that change something when the task has {@code status}. */
    public static List<TaskAction> allowedFrom(ExecutionStatus status) {
        return switch (status) {
            case IDLE, COMPLETED, STOPPED -> List.of(START, DELETE);
            case QUEUED, RUNNING -> List.of(PAUSE, STOP);
            case STOPPING -> List.of();
            case PAUSED -> List.of(RESUME, STOP, DELETE);
            case FAILED -> List.of(START, RESUME, DELETE);
        };
    }

    public boolean allowedIn(ExecutionStatus status) {
        return allowedFrom(status).contains(this);
    }

    /** The 409 for this action in {@code status}: names the status and what the user can do instead. */
    public ConflictException refusal(long taskId, ExecutionStatus status) {
        String base = "cannot " + wireName() + " task " + taskId + ": it is " + status.wireName() + ". ";
        String advice = switch (status) {
            case PAUSED -> this == START
                    ? "Resume it to continue from its checkpoints, or stop it and then start it from scratch. "
                    : "";
            case STOPPING -> "Wait until it has stopped. ";
            case QUEUED, RUNNING -> this == DELETE ? "Stop it first. " : "";
            case IDLE, COMPLETED, STOPPED, FAILED -> "";
        };
        List<TaskAction> allowed = allowedFrom(status);
        String options = allowed.isEmpty() ? "none until it has stopped"
                : allowed.stream().map(TaskAction::wireName).collect(Collectors.joining(", "));
        return new ConflictException(base + advice + "Allowed now: " + options + ".");
    }
}
