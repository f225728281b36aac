package io.dtaas.connect;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a full load treats what the destination already holds. */
public enum WriteMode {
    /** Add the rows; rows of a retried chunk are replaced, never doubled. */
    APPEND("append"),
    /** Replace the table: load into a new table and swap at the end, so readers see old data until success. */
    OVERWRITE("overwrite"),
    /** Upsert by primary key. */
    MERGE("merge");

    private final String wireName;

    WriteMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static WriteMode fromWire(String name) {
        for (WriteMode m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
