package io.dtaas.transform;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;
import io.dtaas.transform.expr.Values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/** The running state of aggregate's functions. */
final class Accumulators {

    private Accumulators() {
    }

    enum Family { INTEGER, DECIMAL, FLOAT, OTHER }

    /**
     * One aggregation, bound.
     *
     * @param source input column index, -1 for count(*)
     * @param type   the result column's type
     */
    record Spec(String function, int source, Family family, ColumnType type) {
    }

    static Spec spec(String function, int source, ColumnType in, String field) {
        Family family = in == null ? Family.OTHER : switch (in.kind()) {
            case INT16, INT32, INT64 -> Family.INTEGER;
            case DECIMAL -> Family.DECIMAL;
            case FLOAT32, FLOAT64 -> Family.FLOAT;
            default -> Family.OTHER;
        };
        if ((function.equals("sum") || function.equals("avg")) && family == Family.OTHER) {
            throw new ConfigError("config." + field, function + " needs a numeric column, and this one is "
                    + in.kind().wireName());
        }
        ColumnType type = switch (function) {
            case "count" -> ColumnType.of(ColumnKind.INT64);
            case "sum" -> switch (family) {
                case INTEGER -> ColumnType.of(ColumnKind.INT64);
                // the input's scale, and room for big totals (precision 38 is what most targets can hold)
                case DECIMAL -> in.scale() == null ? ColumnType.decimal(null, null) : ColumnType.decimal(38, in.scale());
                default -> ColumnType.of(ColumnKind.FLOAT64);
            };
            case "avg" -> family == Family.FLOAT ? ColumnType.of(ColumnKind.FLOAT64) : ColumnType.of(ColumnKind.DECIMAL);
            default -> in; // min, max: the column's own type and values
        };
        return new Spec(function, source, family, type);
    }

    /** One group's key values and running aggregates. */
    static final class Group {

        private final Object[] key;
        private final List<Spec> specs;
        private final long[] counts;
        private final Object[] values;

        Group(Object[] first, int[] keys, List<Spec> specs) {
            this.key = new Object[keys.length];
            for (int k = 0; k < keys.length; k++) {
                key[k] = first[keys[k]];
            }
            this.specs = specs;
            this.counts = new long[specs.size()];
            this.values = new Object[specs.size()];
        }

        void add(Object[] row) {
            for (int s = 0; s < specs.size(); s++) {
                Spec spec = specs.get(s);
                Object v = spec.source() < 0 ? Boolean.TRUE : row[spec.source()];
                if (v == null) {
                    continue;
                }
                counts[s]++;
                values[s] = switch (spec.function()) {
                    case "count" -> null;
                    case "sum", "avg" -> plus(values[s], v, spec);
                    case "min" -> values[s] == null || Values.compare(Values.normalize(v), Values.normalize(values[s])) < 0 ? v : values[s];
                    default -> values[s] == null || Values.compare(Values.normalize(v), Values.normalize(values[s])) > 0 ? v : values[s];
                };
            }
        }

        private static Object plus(Object total, Object v, Spec spec) {
            Number n = (Number) Values.normalize(v);
            return switch (spec.family()) {
                case INTEGER -> {
                    if (spec.function().equals("avg")) {
                        yield total == null ? Values.decimal(n) : ((BigDecimal) total).add(Values.decimal(n));
                    }
                    try {
                        yield total == null ? n.longValue() : Math.addExact((Long) total, n.longValue());
                    } catch (ArithmeticException overflow) {
                        throw new DataError("sum overflows bigint; cast the column to decimal first", null);
                    }
                }
                case DECIMAL -> total == null ? Values.decimal(n) : ((BigDecimal) total).add(Values.decimal(n));
                default -> total == null ? n.doubleValue() : (Double) total + n.doubleValue();
            };
        }

        Object[] result() {
            Object[] out = new Object[key.length + specs.size()];
            System.arraycopy(key, 0, out, 0, key.length);
            for (int s = 0; s < specs.size(); s++) {
                Spec spec = specs.get(s);
                out[key.length + s] = switch (spec.function()) {
                    case "count" -> counts[s];
                    case "avg" -> counts[s] == 0 ? null : spec.family() == Family.FLOAT
                            ? (Object) ((Double) values[s] / counts[s])
                            : ((BigDecimal) values[s]).divide(BigDecimal.valueOf(counts[s]), MathContext.DECIMAL128);
                    default -> values[s];
                };
            }
            return out;
        }
    }
}
