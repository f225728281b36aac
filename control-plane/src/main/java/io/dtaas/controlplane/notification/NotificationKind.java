package io.dtaas.controlplane.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a notification is about; a channel's rules name the kinds it receives. */
public enum NotificationKind {
    TASK_FAILED("task_failed"),
    TASK_RECOVERED("task_recovered"),
    LAG_THRESHOLD("lag_threshold"),
    RETENTION_THRESHOLD("retention_threshold"),
    /** The task's position on the source is gone (slot invalidated, or dropped at the hard limit): resync. */
    POSITION_LOST("position_lost"),
    WORKER_LOST("worker_lost"),
    SCHEDULE_MISSED("schedule_missed"),
    VALIDATION_DIFFERENT("validation_different");

    private final String wire;

    NotificationKind(String wire) {
        this.wire = wire;
    }

    /** The name used in the API, in rules and in notification bodies. */
    public String wire() {
        return wire;
    }

    public static Optional<NotificationKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(NotificationKind::wire).toList();
    }
}
