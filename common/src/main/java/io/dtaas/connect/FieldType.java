package io.dtaas.connect;

import com.fasterxml.jackson.annotation.JsonValue;

/** The JSON type a connection field takes. */
public enum FieldType {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    /** A string limited to {@link FieldSpec#options()}. */
    ENUM("enum");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
