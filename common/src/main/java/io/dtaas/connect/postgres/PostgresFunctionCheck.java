package io.dtaas.connect.postgres;

import io.dtaas.connect.jdbc.JdbcErrors;
import io.dtaas.error.ConfigError;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks PostgreSQL which functions a statement calls, without running it: in a transaction that is always rolled
 * back, the statement becomes a temporary view (parse analysis only, nothing is executed) whose stored query tree
 * ({@code pg_rewrite.ev_action}, the server's own parse) names every function, operator, aggregate and window
 * function it uses, and every view it reads, whose trees are followed too. ({@code pg_depend} cannot be used:
 * PostgreSQL records no dependencies on its built-in objects.) A statement is refused when any function
 * <ul>
 *   <li>is VOLATILE ({@code pg_proc.provolatile = 'v'}), except the harmless ones in {@code pg_catalog} listed
 *       here: this catches every admin function (pg_read_file, lo_*, pg_terminate_backend, set_config, advisory
 *       locks, replication slots, nextval, query_to_xml, dblink_exec...) without a list of names that goes stale;</li>
 *   <li>has a body the check cannot see through (SQL or a procedural language) outside pg_catalog and
 *       information_schema: such a function may call anything whatever volatility it declares.</li>
 * </ul>
 */
final class PostgresFunctionCheck {

    /**
     * Volatile only because their answer changes between calls: random values, clocks, sizes, and the status
     * readers behind pg_locks and pg_prepared_xacts. They change nothing and read no file.
     */
    static final List<String> HARMLESS_VOLATILE = List.of("random", "clock_timestamp", "timeofday",
            "gen_random_uuid", "pg_sleep", "pg_sleep_for", "pg_sleep_until", "pg_relation_size", "pg_table_size",
            "pg_total_relation_size", "pg_indexes_size", "pg_database_size", "pg_tablespace_size", "pg_lock_status",
            "pg_blocking_pids", "pg_prepared_xact", "pg_is_in_recovery", "pg_current_wal_lsn",
            "pg_current_wal_insert_lsn", "pg_last_wal_receive_lsn", "pg_last_wal_replay_lsn");

    // node fields of a stored query tree that name functions and operators (operators: through oprcode)
    private static final Pattern FUNCTIONS = Pattern.compile(":(?:funcid|aggfnoid|winfnoid|opfuncid) (\\d+)");
    private static final Pattern OPERATORS = Pattern.compile(":(?:opno|sortop|eqop) (\\d+)");
    private static final Pattern RELATIONS = Pattern.compile(":relid (\\d+)");
    private static final int MAX_VIEWS = 1000;

    private static final String VIEW_TREES = "SELECT r.ev_action::text FROM pg_class c JOIN pg_rewrite r ON r.ev_class ="
            + " c.oid AND r.ev_type = '1' WHERE c.oid = ANY(?::oid[]) AND c.relkind = 'v'";
    private static final String CALLED = """
            WITH called(oid) AS (
                SELECT unnest(?::oid[])
                UNION SELECT o.oprcode::oid FROM pg_operator o WHERE o.oid = ANY(?::oid[])
            ), functions(oid) AS (
                SELECT oid FROM called
                UNION SELECT unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
                      a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn]::oid[])
                      FROM pg_aggregate a WHERE a.aggfnoid IN (SELECT oid FROM called)
            )
            SELECT p.oid::regprocedure::text, p.proname, p.provolatile, n.nspname, l.lanname
            FROM functions f JOIN pg_proc p ON p.oid = f.oid
            JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
            ORDER BY 1""";

    private PostgresFunctionCheck() {
    }

    /** @throws ConfigError naming {@code sql} with the functions refused, or the server's reason it cannot tell */
    static void check(Connection c, String select) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = 10000");
            try {
                // the newline ends a trailing -- comment; the guard made sure the parentheses balance
                st.execute("CREATE TEMP VIEW dtaas_console_check AS SELECT 1 FROM (\n" + select + "\n) AS dtaas_checked");
            } catch (SQLException e) {
                String reason = JdbcErrors.describe(e);
                throw new ConfigError("sql", reason.contains("data-modifying")
                        ? "only a single read-only statement is allowed; this one writes (" + reason + ")" : reason);
            }
            Set<Long> functions = new HashSet<>();
            Set<Long> operators = new HashSet<>();
            readTrees(c, functions, operators);
            List<String> refused = refused(c, functions, operators);
            if (!refused.isEmpty()) {
                throw new ConfigError("sql", "calls functions that may change server state or read server files,"
                        + " which a read-only query may not: " + String.join(", ", refused));
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** Functions and operators of the checked view's tree and of every view it reads, transitively. */
    private static void readTrees(Connection c, Set<Long> functions, Set<Long> operators) throws SQLException {
        Set<Long> seen = new HashSet<>();
        List<String> trees = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ev_action::text FROM pg_rewrite"
                + " WHERE ev_class = 'pg_temp.dtaas_console_check'::regclass")) {
            while (rs.next()) {
                trees.add(rs.getString(1));
            }
        }
        while (!trees.isEmpty()) {
            Set<Long> views = new HashSet<>();
            for (String tree : trees) {
                collect(FUNCTIONS, tree, functions);
                collect(OPERATORS, tree, operators);
                collect(RELATIONS, tree, views);
            }
            views.removeAll(seen);
            seen.addAll(views);
            if (seen.size() > MAX_VIEWS) {
                throw new ConfigError("sql", "reads more than " + MAX_VIEWS + " views; too many to check");
            }
            trees = views.isEmpty() ? List.of() : viewTrees(c, views);
        }
    }

    private static List<String> viewTrees(Connection c, Set<Long> views) throws SQLException {
        List<String> trees = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(VIEW_TREES)) {
            ps.setArray(1, oids(c, views));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trees.add(rs.getString(1));
                }
            }
        }
        return trees;
    }

    private static List<String> refused(Connection c, Set<Long> functions, Set<Long> operators) throws SQLException {
        List<String> refused = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CALLED)) {
            ps.setArray(1, oids(c, functions));
            ps.setArray(2, oids(c, operators));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String reason = reason(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    if (reason != null) {
                        refused.add(rs.getString(1) + " (" + reason + ")");
                    }
                }
            }
        }
        return refused;
    }

    private static void collect(Pattern pattern, String tree, Set<Long> into) {
        Matcher m = pattern.matcher(tree);
        while (m.find()) {
            long oid = Long.parseLong(m.group(1));
            if (oid != 0) {
                into.add(oid);
            }
        }
    }

    private static Array oids(Connection c, Set<Long> oids) throws SQLException {
        return c.createArrayOf("int8", oids.toArray());
    }

    /** Why a function is refused, or null. */
    static String reason(String name, String volatility, String schema, String language) {
        boolean catalog = "pg_catalog".equals(schema) || "information_schema".equals(schema);
        if (!catalog && !"internal".equals(language) && !"c".equals(language)) {
            return "a " + language + " function: what it calls cannot be checked";
        }
        if ("v".equals(volatility) && !("pg_catalog".equals(schema) && HARMLESS_VOLATILE.contains(name))) {
            return "volatile";
        }
        return null;
    }
}
