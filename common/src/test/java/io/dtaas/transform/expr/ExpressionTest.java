package io.dtaas.transform.expr;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {

    private static final TableSchema ORDERS = new TableSchema(new TableRef("public", "orders"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT32), false),
            new Column("amount", ColumnType.decimal(10, 2), true),
            new Column("status", ColumnType.of(ColumnKind.STRING), true),
            new Column("qty", ColumnType.of(ColumnKind.INT64), true),
            new Column("ratio", ColumnType.of(ColumnKind.FLOAT32), true),
            new Column("created", ColumnType.of(ColumnKind.TIMESTAMP), true),
            new Column("day", ColumnType.of(ColumnKind.DATE), true),
            new Column("at", ColumnType.of(ColumnKind.TIMESTAMP_TZ), true),
            new Column("paid", ColumnType.of(ColumnKind.BOOLEAN), true),
            new Column("Order Note", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));

    private static Object[] row(Object amount, String status, Long qty) {
        return new Object[]{1, amount == null ? null : new BigDecimal(amount.toString()), status, qty, 0.5f,
                LocalDateTime.of(2024, 3, 15, 10, 30), LocalDate.of(2024, 3, 15), Instant.parse("2024-03-15T10:30:00Z"),
                true, "note"};
    }

    private static Compiled bind(String text) {
        return Expression.parse(text).bind(ORDERS, Map.of("min", 100L, "tenant", "acme", "since", "2024-01-01"), true);
    }

    private static Object eval(String text, Object[] row) {
        return bind(text).eval(row);
    }

    @Test
    void theIssuesExampleFiltersLikeSql() {
        Compiled c = bind("amount > 100 AND status IN ('paid','shipped')");
        assertThat(c.type()).isEqualTo(ExprType.BOOLEAN);
        assertThat(c.test(row("150.00", "paid", 1L))).isTrue();
        assertThat(c.test(row("150.00", "shipped", 1L))).isTrue();
        assertThat(c.test(row("150.00", "open", 1L))).isFalse();
        assertThat(c.test(row("100.00", "paid", 1L))).isFalse();
        assertThat(c.eval(row(null, "paid", 1L))).isNull(); // NULL > 100 is unknown, so the row is not kept
        assertThat(c.test(row(null, "paid", 1L))).isFalse();
        assertThat(c.eval(row(null, "open", 1L))).isEqualTo(false); // FALSE AND unknown is FALSE
    }

    @Test
    void threeValuedLogicAndNullTests() {
        Object[] r = row(null, null, null);
        assertThat(eval("amount > 1 OR TRUE", r)).isEqualTo(true);
        assertThat(eval("amount > 1 OR FALSE", r)).isNull();
        assertThat(eval("NOT (amount > 1)", r)).isNull();
        assertThat(eval("amount IS NULL AND status IS NULL", r)).isEqualTo(true);
        assertThat(eval("amount IS NOT NULL", r)).isEqualTo(false);
        assertThat(eval("status NOT IN ('a', NULL)", row(1, "b", 1L))).isNull();
        assertThat(eval("status IN ('a', NULL)", row(1, "a", 1L))).isEqualTo(true);
        assertThat(eval("status NOT IN ('a')", row(1, "b", 1L))).isEqualTo(true);
    }

    @Test
    void arithmeticFollowsTheTypeRules() {
        Object[] r = row("10.50", "x", 3L);
        assertThat(bind("qty * 2").type()).isEqualTo(ExprType.INTEGER);
        assertThat(eval("qty * 2 + id", r)).isEqualTo(7L);
        assertThat(eval("amount * qty", r)).isEqualTo(new BigDecimal("31.50"));
        assertThat(bind("qty / 2").type()).isEqualTo(ExprType.DECIMAL);
        assertThat(eval("qty / 2", r)).isEqualTo(new BigDecimal("1.5"));
        assertThat(eval("qty % 2", r)).isEqualTo(1L);
        assertThat(eval("ratio * 2", r)).isEqualTo(1.0);
        assertThat(eval("-qty", r)).isEqualTo(-3L);
        assertThat(eval("1 + 2 * 3 - (4 - 1)", r)).isEqualTo(4L);
        assertThat(eval("qty + NULL", r)).isNull();
        assertThat(eval("1.5e2", r)).isEqualTo(150.0);
        assertThatThrownBy(() -> eval("qty / 0", r)).isInstanceOf(DataError.class).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> eval("9223372036854775807 + qty", r)).isInstanceOf(DataError.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void textFunctionsAndConcatenation() {
        Object[] r = row("1", "  Paid ", 1L);
        assertThat(eval("upper(trim(status))", r)).isEqualTo("PAID");
        assertThat(eval("lower(status)", r)).isEqualTo("  paid ");
        assertThat(eval("length(status)", r)).isEqualTo(7L);
        assertThat(eval("'#' || id || '-' || {{tenant}}", r)).isEqualTo("#1-acme");
        assertThat(eval("concat(status, NULL, 'x')", r)).isEqualTo("  Paid x");
        assertThat(eval("substring('abcdef', 2, 3)", r)).isEqualTo("bcd");
        assertThat(eval("substr('abcdef', 5)", r)).isEqualTo("ef");
        assertThat(eval("replace('a-b-c', '-', '+')", r)).isEqualTo("a+b+c");
        assertThat(eval("coalesce(NULL, qty, 2.5)", r)).isEqualTo(new BigDecimal("1"));
        assertThat(eval("abs(-2.5)", r)).isEqualTo(new BigDecimal("2.5"));
        assertThat(eval("round(2.345, 2)", r)).isEqualTo(new BigDecimal("2.35"));
        assertThat(eval("\"Order Note\"", r)).isEqualTo("note");
        assertThat(eval("status LIKE '%ai%'", r)).isEqualTo(true);
        assertThat(eval("status NOT LIKE '_P%'", r)).isEqualTo(true);
        assertThat(eval("'it''s'", r)).isEqualTo("it's");
    }

    @Test
    void datesCompareWithTextConstantsAndVariables() {
        Object[] r = row("1", "x", 1L);
        assertThat(eval("created >= '2024-03-01'", r)).isEqualTo(true);
        assertThat(eval("created < '2024-03-15 10:30:00'", r)).isEqualTo(false);
        assertThat(eval("day = DATE '2024-03-15'", r)).isEqualTo(true);
        assertThat(eval("day BETWEEN '2024-01-01' AND '2024-12-31'", r)).isEqualTo(true);
        assertThat(eval("day > {{since}}", r)).isEqualTo(true);
        assertThat(eval("at > TIMESTAMP '2024-03-15 10:00:00'", r)).isEqualTo(true);
        assertThat(eval("created > day", r)).isEqualTo(true);
        assertThat(eval("amount > {{min}}", row("150", "x", 1L))).isEqualTo(true);
        assertThat(eval("amount > '99.5'", row("150", "x", 1L))).isEqualTo(true);
        assertThat(eval("paid = 'true'", r)).isEqualTo(true);
    }

    @Test
    void caseWhenPicksTheFirstTrueBranchAndWidensNumbers() {
        Compiled c = bind("CASE WHEN amount >= 1000 THEN 'gold' WHEN amount >= 100 THEN 'silver' ELSE 'std' END");
        assertThat(c.type()).isEqualTo(ExprType.STRING);
        assertThat(c.eval(row("1500", "x", 1L))).isEqualTo("gold");
        assertThat(c.eval(row("150", "x", 1L))).isEqualTo("silver");
        assertThat(c.eval(row(null, "x", 1L))).isEqualTo("std");
        Compiled n = bind("CASE WHEN qty > 1 THEN qty ELSE 0.5 END");
        assertThat(n.type()).isEqualTo(ExprType.DECIMAL);
        assertThat(n.eval(row("1", "x", 3L))).isEqualTo(new BigDecimal("3"));
        assertThat(bind("CASE WHEN paid THEN 1 END").eval(row("1", "x", 3L))).isEqualTo(1L);
    }

    @Test
    void syntaxErrorsPointAtTheirPosition() {
        assertError("amount > ", 10, "expected a value");
        assertError("amount > 100 AND", 17, "expected a value");
        assertError("status IN ('a', 'b'", 20, "expected ',' or ')'");
        assertError("status = 'open", 10, "unterminated string");
        assertError("amount >> 1", 9, "expected a value");
        assertError("amount # 1", 8, "unexpected character '#'");
        assertError("(amount > 1", 12, "expected ')'");
        assertError("amount > 1 status", 12, "expected an operator or the end");
        assertError("", 1, "empty");
        assertError("CASE amount END", 6, "expected WHEN");
        assertError("x = {{bad name}}", 5, "not a variable name");
    }

    @Test
    void bindingErrorsNameColumnsTypesAndPositions() {
        assertBindError("amout > 1", 1, "unknown column \"amout\"");
        assertBindError("status > 1", 8, "cannot compare string with integer");
        assertBindError("status + 1", 8, "'+' needs numbers");
        assertBindError("amount AND paid", 1, "AND needs a condition");
        assertBindError("nosuch(1)", 1, "unknown function nosuch()");
        assertBindError("upper(qty)", 7, "upper() needs text");
        assertBindError("created > 'yesterday'", 9, "'yesterday' is not a valid timestamp");
        assertBindError("CASE WHEN paid THEN 'a' ELSE 1 END", 30, "CASE results mix string and integer");
        assertBindError("{{nope}} = 1", 1, "unknown variable {{nope}}");
        assertBindError("status LIKE 1", 8, "LIKE compares text");
    }

    @Test
    void unknownVariablesPassWhileValidatingBeforeTheyAreResolved() {
        Compiled c = Expression.parse("amount > {{threshold}}").bind(ORDERS, Map.of(), false);
        assertThat(c.type()).isEqualTo(ExprType.BOOLEAN);
    }

    @Test
    void keywordsAreCaseInsensitiveAndNestingIsBounded() {
        assertThat(eval("amount > 1 and not (status in ('a')) or false", row("5", "b", 1L))).isEqualTo(true);
        String deep = "(".repeat(200) + "1" + ")".repeat(200);
        assertThatThrownBy(() -> Expression.parse(deep)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("nested too deeply");
    }

    private static void assertError(String text, int position, String message) {
        assertThatThrownBy(() -> Expression.parse(text)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).position()).as(e.getMessage()).isEqualTo(position))
                .hasMessageContaining(message);
    }

    private static void assertBindError(String text, int position, String message) {
        assertThatThrownBy(() -> bind(text)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).position()).as(e.getMessage()).isEqualTo(position))
                .hasMessageContaining(message);
    }
}
