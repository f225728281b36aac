package io.dtaas.validate;

import com.fasterxml.jackson.annotation.JsonValue;

/** A table's validation outcome. */
public enum Verdict {
    /** Same row count and the same rows. */
    EQUAL("equal"),
    /** Rows differ: the report names them when the table has an integer key. */
    DIFFERENT("different"),
    /** The values cannot be compared (a transformation, a custom query, a destination without checksums). */
    NOT_COMPARABLE("not_comparable");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
