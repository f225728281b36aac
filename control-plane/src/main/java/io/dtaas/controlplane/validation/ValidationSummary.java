package io.dtaas.controlplane.validation;

import java.time.Instant;

/** A task's latest validation in brief, shown on the task as {@code last_validation}. */
public record ValidationSummary(long id, String status, String verdict, Instant startedAt, Instant finishedAt) {

    static ValidationSummary of(ValidationEntity e) {
        return new ValidationSummary(e.id, e.status, e.verdict, e.startedAt, e.finishedAt);
    }

    /** {@code warning} when the latest completed validation found differences, else {@code ok}. */
    public String health() {
        return "different".equals(verdict) ? "warning" : "ok";
    }
}
