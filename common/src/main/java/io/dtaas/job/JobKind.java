package io.dtaas.job;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a task does: the API's {@code mode}. */
public enum JobKind {
    FULL_LOAD("full_load"),
    CDC("cdc"),
    FULL_LOAD_THEN_CDC("full_load_then_cdc");

    private final String wireName;

    JobKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static JobKind fromWire(String name) {
        for (JobKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
