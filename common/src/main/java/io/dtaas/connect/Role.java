package io.dtaas.connect;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which end of a transfer a connector serves; the API's {@code connector_type}. */
public enum Role {
    SOURCE("source"),
    DESTINATION("destination");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The field that names the connector's type for this role: {@code source_type} or {@code destination_type}. */
    public String typeField() {
        return wireName + "_type";
    }

    public static Role fromWire(String name) {
        for (Role r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
