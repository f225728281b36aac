package io.dtaas.controlplane.task;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/** When a task runs: the API's {@code schedule_type}. */
public enum ScheduleType {
    ON_DEMAND("on_demand"),
    CONTINUOUS("continuous"),
    INTERVAL("interval"),
    CRON("cron");

    private final String wireName;

    ScheduleType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ScheduleType::wireName).toList();
    }

    public static ScheduleType fromWire(String name) {
        for (ScheduleType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
