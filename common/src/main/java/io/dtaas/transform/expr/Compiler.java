package io.dtaas.transform.expr;

import io.dtaas.data.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds a parsed expression to a schema: resolves names, checks types, and builds the evaluator. */
final class Compiler {

    private final TableSchema schema;
    private final Map<String, Object> variables;
    private final boolean variablesKnown;

    Compiler(TableSchema schema, Map<String, Object> variables, boolean variablesKnown) {
        this.schema = schema;
        this.variables = variables;
        this.variablesKnown = variablesKnown;
    }

    Compiled compile(Node node) {
        return switch (node) {
            case Node.Literal l -> Compiled.of(l.value());
            case Node.ColumnRef c -> column(c);
            case Node.VariableRef v -> variable(v);
            case Node.Unary u -> unary(u);
            case Node.Binary b -> binary(b);
            case Node.InList in -> in(in);
            case Node.Between b -> between(b);
            case Node.Like l -> like(l);
            case Node.IsNull n -> isNull(n);
            case Node.Call c -> Functions.compile(c, args(c.args()));
            case Node.Case c -> caseWhen(c);
        };
    }

    private List<Compiled> args(List<Node> nodes) {
        List<Compiled> out = new ArrayList<>();
        nodes.forEach(n -> out.add(compile(n)));
        return out;
    }

    private Compiled column(Node.ColumnRef c) {
        int index = schema.indexOf(c.name());
        if (index < 0) {
            throw new ExpressionException(c.position(), "unknown column \"" + c.name() + "\"; columns here: "
                    + schema.columns().stream().map(io.dtaas.data.Column::name).toList());
        }
        ExprType type = ExprType.of(schema.columns().get(index).type().kind());
        return new Compiled(type, row -> Values.normalize(row[index]), false);
    }

    private Compiled variable(Node.VariableRef v) {
        if (variables.containsKey(v.name())) {
            return Compiled.of(variables.get(v.name()));
        }
        if (!variablesKnown) {
            return new Compiled(ExprType.ANY, row -> null, true);
        }
        throw new ExpressionException(v.position(), "unknown variable {{" + v.name() + "}}");
    }

    private Compiled unary(Node.Unary u) {
        Compiled x = compile(u.operand());
        if (u.op().equals("NOT")) {
            requireBoolean(x, u.operand().position(), "NOT");
            return new Compiled(x.type().isOpen() ? ExprType.BOOLEAN : x.type(), row -> {
                Object v = x.eval(row);
                return v == null ? null : !(Boolean) v;
            }, x.constant());
        }
        if (!x.type().isNumeric() && !x.type().isOpen()) {
            throw new ExpressionException(u.position(), "'-' needs a number, not " + x.type().wireName());
        }
        return new Compiled(x.type(), row -> {
            Object v = x.eval(row);
            return v == null ? null : Values.negate(v);
        }, x.constant());
    }

    private Compiled binary(Node.Binary b) {
        Compiled l = compile(b.left());
        Compiled r = compile(b.right());
        return switch (b.op()) {
            case "AND", "OR" -> logical(b, l, r);
            case "=", "!=", "<", "<=", ">", ">=" -> comparison(b.op(), l, r, b.position());
            case "||" -> new Compiled(ExprType.STRING, row -> {
                Object x = l.eval(row);
                Object y = r.eval(row);
                return x == null || y == null ? null : Values.text(x) + Values.text(y);
            }, l.constant() && r.constant());
            default -> arithmetic(b, l, r);
        };
    }

    private Compiled logical(Node.Binary b, Compiled l, Compiled r) {
        requireBoolean(l, b.left().position(), b.op());
        requireBoolean(r, b.right().position(), b.op());
        boolean and = b.op().equals("AND");
        return new Compiled(ExprType.BOOLEAN, row -> {
            Object x = l.eval(row);
            if (x != null && (Boolean) x != and) {
                return !and; // FALSE AND ... / TRUE OR ... decide without the right side
            }
            Object y = r.eval(row);
            if (y != null && (Boolean) y != and) {
                return !and;
            }
            return x == null || y == null ? null : and;
        }, l.constant() && r.constant());
    }

    private static void requireBoolean(Compiled c, int position, String op) {
        if (c.type() != ExprType.BOOLEAN && !c.type().isOpen()) {
            throw new ExpressionException(position, op + " needs a condition (true/false), not " + c.type().wireName());
        }
    }

    private Compiled arithmetic(Node.Binary b, Compiled l, Compiled r) {
        for (Compiled side : List.of(l, r)) {
            if (!side.type().isNumeric() && !side.type().isOpen()) {
                throw new ExpressionException(b.position(), "'" + b.op() + "' needs numbers, not "
                        + l.type().wireName() + " and " + r.type().wireName()
                        + (b.op().equals("+") ? " (use || or concat() to join text)" : ""));
            }
        }
        ExprType type = arithmeticType(b.op(), l.type(), r.type());
        String op = b.op();
        int pos = b.position();
        return new Compiled(type, row -> {
            Object x = l.eval(row);
            Object y = r.eval(row);
            return x == null || y == null ? null : Values.arithmetic(op, x, y, pos);
        }, l.constant() && r.constant());
    }

    static ExprType arithmeticType(String op, ExprType a, ExprType b) {
        if (a == ExprType.ANY || b == ExprType.ANY) {
            return ExprType.ANY;
        }
        if (a == ExprType.DOUBLE || b == ExprType.DOUBLE) {
            return ExprType.DOUBLE;
        }
        if (a == ExprType.DECIMAL || b == ExprType.DECIMAL || op.equals("/")) {
            return ExprType.DECIMAL;
        }
        return a == ExprType.NULL && b == ExprType.NULL ? ExprType.NULL : ExprType.INTEGER;
    }

    private Compiled comparison(String op, Compiled left, Compiled right, int position) {
        Compiled[] pair = Coercions.align(left, right, position);
        Compiled l = pair[0];
        Compiled r = pair[1];
        return new Compiled(ExprType.BOOLEAN, row -> {
            Object x = l.eval(row);
            Object y = r.eval(row);
            if (x == null || y == null) {
                return null;
            }
            int c = Values.compare(x, y);
            return switch (op) {
                case "=" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }, l.constant() && r.constant());
    }

    private Compiled in(Node.InList in) {
        Compiled value = compile(in.value());
        List<Compiled> items = new ArrayList<>();
        for (Node item : in.items()) {
            Compiled[] pair = Coercions.align(value, compile(item), item.position());
            items.add(pair[1]);
        }
        boolean negated = in.negated();
        return new Compiled(ExprType.BOOLEAN, row -> {
            Object v = value.eval(row);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Compiled item : items) {
                Object candidate = item.eval(row);
                if (candidate == null) {
                    sawNull = true;
                } else if (Values.compare(v, candidate) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        }, false);
    }

    private Compiled between(Node.Between b) {
        Compiled value = compile(b.value());
        Compiled low = Coercions.align(value, compile(b.low()), b.low().position())[1];
        Compiled high = Coercions.align(value, compile(b.high()), b.high().position())[1];
        boolean negated = b.negated();
        return new Compiled(ExprType.BOOLEAN, row -> {
            Object v = value.eval(row);
            Object lo = low.eval(row);
            Object hi = high.eval(row);
            if (v == null || lo == null || hi == null) {
                return null;
            }
            boolean inside = Values.compare(v, lo) >= 0 && Values.compare(v, hi) <= 0;
            return inside != negated;
        }, false);
    }

    private Compiled like(Node.Like l) {
        Compiled value = compile(l.value());
        Compiled pattern = compile(l.pattern());
        for (Compiled c : List.of(value, pattern)) {
            if (c.type() != ExprType.STRING && !c.type().isOpen()) {
                throw new ExpressionException(l.position(), "LIKE compares text, not " + c.type().wireName());
            }
        }
        LikePattern fixed = pattern.constant() && pattern.type() == ExprType.STRING
                ? LikePattern.compile((String) pattern.eval(null)) : null;
        boolean negated = l.negated();
        return new Compiled(ExprType.BOOLEAN, row -> {
            Object v = value.eval(row);
            Object p = fixed != null ? fixed : pattern.eval(row);
            if (v == null || p == null) {
                return null;
            }
            LikePattern like = p instanceof LikePattern compiled ? compiled : LikePattern.compile(Values.text(p));
            return like.matches(Values.text(v)) != negated;
        }, false);
    }

    private Compiled isNull(Node.IsNull n) {
        Compiled value = compile(n.value());
        boolean negated = n.negated();
        return new Compiled(ExprType.BOOLEAN, row -> (value.eval(row) == null) != negated, value.constant());
    }

    private Compiled caseWhen(Node.Case c) {
        List<Compiled> conditions = new ArrayList<>();
        for (Node condition : c.conditions()) {
            Compiled compiled = compile(condition);
            requireBoolean(compiled, condition.position(), "WHEN");
            conditions.add(compiled);
        }
        List<Node> resultNodes = new ArrayList<>(c.results());
        if (c.otherwise() != null) {
            resultNodes.add(c.otherwise());
        }
        List<Compiled> results = args(resultNodes);
        ExprType type = Coercions.common(results, resultNodes, "CASE results");
        Compiled otherwise = c.otherwise() == null ? null : results.getLast();
        return new Compiled(type, row -> {
            for (int i = 0; i < conditions.size(); i++) {
                if (conditions.get(i).test(row)) {
                    return Values.coerce(results.get(i).eval(row), type);
                }
            }
            return otherwise == null ? null : Values.coerce(otherwise.eval(row), type);
        }, false);
    }
}
