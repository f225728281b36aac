package io.dtaas.controlplane.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.error.SystemError;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bytes a channel receives for an event: a JSON object for webhooks, {@code {"text"}} for Slack. */
final class NotificationBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationBody() {
    }

    static String of(ChannelType type, AlertEvent event) {
        return switch (type) {
            case WEBHOOK -> write(webhook(event));
            case SLACK -> write(Map.of("text", text(event)));
        };
    }

    private static Map<String, Object> webhook(AlertEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", event.kind().wire());
        body.put("alert_id", event.alertId());
        body.put("task_id", event.taskId());
        body.put("task_name", event.taskName());
        body.put("state", event.state());
        body.put("since", event.since().toString());
        body.put("message", event.message());
        body.put("action", event.action());
        return body;
    }

    private static String text(AlertEvent event) {
        String headline = AlertEvent.OPENED.equals(event.state()) ? ":warning: DTaaS alert" : ":white_check_mark: DTaaS resolved";
        return headline + " (" + event.kind().wire() + ") on task '" + event.taskName() + "' (id " + event.taskId()
                + "), since " + event.since() + ": " + event.message() + "\nAction: " + event.action();
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot serialise a notification", null);
        }
    }
}
