package io.dtaas.transform.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** The built-in functions of the expression language; the list in docs/transformations.md matches this one. */
final class Functions {

    static final List<String> NAMES = List.of("LOWER", "UPPER", "TRIM", "LTRIM", "RTRIM", "LENGTH", "SUBSTRING",
            "REPLACE", "CONCAT", "COALESCE", "ABS", "ROUND");

    private Functions() {
    }

    static Compiled compile(Node.Call call, List<Compiled> args) {
        String name = call.name().equals("SUBSTR") ? "SUBSTRING" : call.name();
        boolean constant = args.stream().allMatch(Compiled::constant);
        return switch (name) {
            case "LOWER", "UPPER", "TRIM", "LTRIM", "RTRIM" -> {
                arity(call, args, 1, 1);
                text(call, args, 0);
                yield new Compiled(ExprType.STRING, row -> {
                    Object v = args.get(0).eval(row);
                    return v == null ? null : textFunction(name, Values.text(v));
                }, constant);
            }
            case "LENGTH" -> {
                arity(call, args, 1, 1);
                text(call, args, 0);
                yield new Compiled(ExprType.INTEGER, row -> {
                    Object v = args.get(0).eval(row);
                    return v == null ? null : (long) Values.text(v).codePointCount(0, Values.text(v).length());
                }, constant);
            }
            case "SUBSTRING" -> substring(call, args, constant);
            case "REPLACE" -> {
                arity(call, args, 3, 3);
                for (int i = 0; i < 3; i++) {
                    text(call, args, i);
                }
                yield new Compiled(ExprType.STRING, row -> {
                    Object s = args.get(0).eval(row);
                    Object from = args.get(1).eval(row);
                    Object to = args.get(2).eval(row);
                    return s == null || from == null || to == null ? null
                            : Values.text(s).replace(Values.text(from), Values.text(to));
                }, constant);
            }
            case "CONCAT" -> new Compiled(ExprType.STRING, row -> {
                StringBuilder out = new StringBuilder();
                for (Compiled a : args) {
                    Object v = a.eval(row);
                    if (v != null) {
                        out.append(Values.text(v));
                    }
                }
                return out.toString();
            }, constant);
            case "COALESCE" -> {
                arity(call, args, 1, Integer.MAX_VALUE);
                ExprType type = Coercions.common(args, call.args(), "COALESCE arguments");
                yield new Compiled(type, row -> {
                    for (Compiled a : args) {
                        Object v = a.eval(row);
                        if (v != null) {
                            return Values.coerce(v, type);
                        }
                    }
                    return null;
                }, constant);
            }
            case "ABS" -> {
                arity(call, args, 1, 1);
                number(call, args, 0);
                yield new Compiled(args.get(0).type(), row -> {
                    Object v = args.get(0).eval(row);
                    return v == null ? null : Values.compare(v, 0L) < 0 ? Values.negate(v) : v;
                }, constant);
            }
            case "ROUND" -> round(call, args, constant);
            default -> throw new ExpressionException(call.position(), "unknown function " + call.name().toLowerCase(Locale.ROOT)
                    + "(); known: " + NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
        };
    }

    private static String textFunction(String name, String s) {
        return switch (name) {
            case "LOWER" -> s.toLowerCase(Locale.ROOT);
            case "UPPER" -> s.toUpperCase(Locale.ROOT);
            case "TRIM" -> s.strip();
            case "LTRIM" -> s.stripLeading();
            default -> s.stripTrailing();
        };
    }

    private static Compiled substring(Node.Call call, List<Compiled> args, boolean constant) {
        arity(call, args, 2, 3);
        text(call, args, 0);
        number(call, args, 1);
        if (args.size() == 3) {
            number(call, args, 2);
        }
        return new Compiled(ExprType.STRING, row -> {
            Object s = args.get(0).eval(row);
            Object start = args.get(1).eval(row);
            Object length = args.size() == 3 ? args.get(2).eval(row) : null;
            if (s == null || start == null || (args.size() == 3 && length == null)) {
                return null;
            }
            int[] cps = Values.text(s).codePoints().toArray();
            long from = Math.max(1, ((Number) start).longValue());
            long to = length == null ? cps.length + 1L : ((Number) start).longValue() + Math.max(0, ((Number) length).longValue());
            int a = (int) Math.min(cps.length, from - 1);
            int b = (int) Math.max(a, Math.min(cps.length, to - 1));
            return new String(cps, a, b - a);
        }, constant);
    }

    private static Compiled round(Node.Call call, List<Compiled> args, boolean constant) {
        arity(call, args, 1, 2);
        number(call, args, 0);
        if (args.size() == 2) {
            number(call, args, 1);
        }
        return new Compiled(args.get(0).type(), row -> {
            Object v = args.get(0).eval(row);
            Object digits = args.size() == 2 ? args.get(1).eval(row) : 0L;
            if (v == null || digits == null) {
                return null;
            }
            int d = (int) ((Number) digits).longValue();
            return switch (v) {
                case Long l -> d >= 0 ? l : BigDecimal.valueOf(l).setScale(d, RoundingMode.HALF_UP).longValue();
                case Double x -> x.isNaN() || x.isInfinite() ? x
                        : BigDecimal.valueOf(x).setScale(d, RoundingMode.HALF_UP).doubleValue();
                default -> ((BigDecimal) v).setScale(Math.max(d, 0), RoundingMode.HALF_UP);
            };
        }, constant);
    }

    private static void arity(Node.Call call, List<Compiled> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " or " + max;
            throw new ExpressionException(call.position(), call.name().toLowerCase(Locale.ROOT) + "() takes " + expected
                    + " argument" + (min == 1 && max == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    private static void text(Node.Call call, List<Compiled> args, int i) {
        ExprType t = args.get(i).type();
        if (t != ExprType.STRING && !t.isOpen()) {
            throw new ExpressionException(call.args().get(i).position(), call.name().toLowerCase(Locale.ROOT)
                    + "() needs text as argument " + (i + 1) + ", not " + t.wireName());
        }
    }

    private static void number(Node.Call call, List<Compiled> args, int i) {
        ExprType t = args.get(i).type();
        if (!t.isNumeric() && !t.isOpen()) {
            throw new ExpressionException(call.args().get(i).position(), call.name().toLowerCase(Locale.ROOT)
                    + "() needs a number as argument " + (i + 1) + ", not " + t.wireName());
        }
    }
}
