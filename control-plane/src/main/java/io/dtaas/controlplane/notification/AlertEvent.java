package io.dtaas.controlplane.notification;

import java.time.Instant;

/**
 * Something a user should hear about: an alert opened or resolved. Carries no secret: messages are built from
 * task names and error texts the engine already keeps free of secrets.
 *
 * @param kind  what the notification is about (a resolved task_failed alert is announced as task_recovered)
 * @param state {@code opened} or {@code resolved}
 */
public record AlertEvent(long alertId, NotificationKind kind, long taskId, String taskName, String state,
                         Instant since, String message, String action) {

    public static final String OPENED = "opened";
    public static final String RESOLVED = "resolved";
}
