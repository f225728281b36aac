package io.dtaas.job;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * States of tasks and executions, as lower-case strings on the wire. See docs/state-machine.md for the
 * allowed transitions.
 */
public enum ExecutionStatus {
    IDLE("idle"),
    QUEUED("queued"),
    RUNNING("running"),
    PAUSED("paused"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wireName;

    ExecutionStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True for states an execution never leaves. */
    public boolean isFinal() {
        return this == STOPPED || this == COMPLETED || this == FAILED || this == PAUSED;
    }

    public static ExecutionStatus fromWire(String name) {
        for (ExecutionStatus s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
