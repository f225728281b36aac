package io.dtaas.controlplane.variable;

import io.dtaas.variables.VariableValue;

/**
 * A variable's value from the resolve endpoints.
 *
 * @param value     JSON as {@link VariableValue#json()} writes it (decimals, dates and timestamps as strings)
 * @param valueType {@code string}, {@code integer}, {@code decimal}, {@code date}, {@code timestamp},
 *                  {@code boolean} or {@code null}
 */
public record ResolvedValue(String name, Object value, String valueType) {

    static ResolvedValue of(String name, VariableValue v) {
        return new ResolvedValue(name, v.json(), v.valueType());
    }
}
