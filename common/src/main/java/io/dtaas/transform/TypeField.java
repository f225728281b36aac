package io.dtaas.transform;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * One setting of a transformation type, as {@code GET /api/transformations/types} describes it so that a UI can
 * build its form.
 *
 * @param options the allowed values of an {@code enum} field, empty otherwise
 */
public record TypeField(String name, Kind type, boolean required, List<String> options, String description) {

    public enum Kind {
        STRING("string"), INTEGER("integer"), BOOLEAN("boolean"), STRING_LIST("string_list"), ENUM("enum"),
        EXPRESSION("expression");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    public TypeField {
        options = List.copyOf(options);
    }

    static TypeField required(String name, Kind type, String description) {
        return new TypeField(name, type, true, List.of(), description);
    }

    static TypeField optional(String name, Kind type, String description) {
        return new TypeField(name, type, false, List.of(), description);
    }

    static TypeField choice(String name, boolean required, List<String> options, String description) {
        return new TypeField(name, Kind.ENUM, required, options, description);
    }
}
