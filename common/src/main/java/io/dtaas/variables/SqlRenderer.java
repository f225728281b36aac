package io.dtaas.variables;

import io.dtaas.connect.jdbc.SqlLiterals;
import io.dtaas.error.ConfigError;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Renders a parsed SQL template with resolved values, each as one typed literal of the target database: text
 * as a quoted, escaped string, numbers as numbers (negative ones in parentheses, so {@code x-{{n}}} never
 * becomes a {@code --} comment), dates and timestamps as typed literals, booleans and NULL as keywords.
 */
public final class SqlRenderer {

    /** Longest number rendered; guards against a decimal such as 1E+100000 becoming megabytes of digits. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private SqlRenderer() {
    }

    /** @throws ConfigError naming {@code field} for an unknown name or a value the database cannot take */
    public static String render(Template template, Map<String, VariableValue> values, SqlLiterals literals,
                                String field) {
        return template.render(ref -> {
            VariableValue value = values.get(ref.name());
            if (value == null) {
                throw new ConfigError(field, "unknown variable {{" + ref.name() + "}}");
            }
            try {
                return literal(value, literals);
            } catch (IllegalArgumentException e) {
                throw new ConfigError(field, "variable {{" + ref.name() + "}}: " + e.getMessage());
            }
        });
    }

    /** One value as a literal of the database. */
    public static String literal(VariableValue value, SqlLiterals literals) {
        return switch (value) {
            case VariableValue.Text t -> literals.stringLiteral(t.value());
            case VariableValue.Int i -> signed(Long.toString(i.value()));
            case VariableValue.Decimal d -> signed(plain(d.value()));
            case VariableValue.Bool b -> literals.booleanLiteral(b.value());
            case VariableValue.Date d -> literals.dateLiteral(d.value());
            case VariableValue.Timestamp t -> literals.timestampLiteral(t.value());
            case VariableValue.Moment m -> literals.instantLiteral(m.value());
            case VariableValue.Null n -> "NULL";
        };
    }

    private static String plain(BigDecimal d) {
        if (d.precision() - d.scale() > MAX_NUMBER_LENGTH || d.scale() > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("the number " + d + " is too long to write out");
        }
        return d.toPlainString();
    }

    private static String signed(String number) {
        return number.startsWith("-") ? "(" + number + ")" : number;
    }
}
