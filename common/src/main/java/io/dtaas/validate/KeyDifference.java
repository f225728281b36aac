package io.dtaas.validate;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Map;

/**
 * One differing row, by primary key, with both ends' values as canonical text (long values cut; NULL as null).
 *
 * @param key    the primary-key values by column
 * @param source the row's values in the source, or null when it has no such row
 * @param target the row's values in the target, or null when it has no such row
 */
public record KeyDifference(Map<String, String> key, Kind kind, Map<String, String> source, Map<String, String> target) {

    /** How the row differs. */
    public enum Kind {
        MISSING_IN_TARGET("missing_in_target"),
        EXTRA_IN_TARGET("extra_in_target"),
        VALUES_DIFFER("values_differ");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
