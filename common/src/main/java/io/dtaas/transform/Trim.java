package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.List;

/** {@code trim}: removes white space at both ends, or only the left or right one ({@code side}). */
record Trim(String column, String side) implements Transformation {

    static final List<String> SIDES = List.of("both", "left", "right");

    static Trim from(ConfigReader r) {
        return new Trim(r.name("column"), r.choice("side", "both", SIDES));
    }

    @Override
    public TransformationType type() {
        return TransformationType.TRIM;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        return TextColumn.bind(input, column, "trim", switch (side) {
            case "left" -> String::stripLeading;
            case "right" -> String::stripTrailing;
            default -> String::strip;
        });
    }
}
