package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.LexicalSettings;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.ReadRules;
import io.dtaas.connect.jdbc.ReadStatement;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlStatementGuard;
import io.dtaas.error.ConfigError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MySQL/MariaDB reads: one statement as this session's lexer splits it ({@code NO_BACKSLASH_ESCAPES} and
 * {@code ANSI_QUOTES} read from {@code sql_mode}; executable comments refused outright), starting with SELECT,
 * WITH, SHOW, DESCRIBE or EXPLAIN; no INTO (files, variables), no locking reads, no variable assignment, no
 * sequence advance; and no call of a function with side effects: the documented built-ins that lock, wait, read
 * files or advance sequences, and every stored or loadable function the server's catalog knows by the called name
 * (their declared characteristics such as READS SQL DATA are not enforced by the server, so none is trusted).
 */
final class MysqlReadGuard implements ReadGuard {

    private static final ReadRules RULES = new ReadRules(Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN"),
            Set.of("ANALYZE", "UPDATE", "DELETE", "HANDLER"), concat(ReadRules.LOCKING,
            List.of(List.of("NEXT", "VALUE", "FOR"), List.of("PREVIOUS", "VALUE", "FOR"))));

    /** Built-ins that lock, wait on replication, read server files, burn CPU on purpose or change sequences. */
    static final Set<String> SIDE_EFFECTS = Set.of("LOAD_FILE", "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS",
            "BENCHMARK", "MASTER_POS_WAIT", "SOURCE_POS_WAIT", "MASTER_GTID_WAIT", "WAIT_FOR_EXECUTED_GTID_SET",
            "WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS", "NEXTVAL", "SETVAL", "LASTVAL", "SYS_EXEC", "SYS_EVAL");
    /** Words that take a parenthesis and are no stored function: INSERT(...) and REPLACE(...) are string functions. */
    private static final Set<String> WRITING_UNLESS_CALLED = Set.of("INSERT", "REPLACE");

    @Override
    public ReadStatement admit(Connection connection, String sql) throws SQLException {
        String mode = sqlMode(connection).toUpperCase(Locale.ROOT);
        ReadStatement statement = RULES.check(SqlStatementGuard.single(sql, SqlLexicon.MYSQL,
                new LexicalSettings(!mode.contains("NO_BACKSLASH_ESCAPES"), mode.contains("ANSI_QUOTES"))));
        checkLexically(statement);
        List<String> stored = storedFunctions(connection, statement.calls());
        if (!stored.isEmpty()) {
            throw new ConfigError("sql", "calls stored or loadable functions, which a read-only query may not (the"
                    + " server does not enforce what they declare): " + String.join(", ", stored));
        }
        return statement;
    }

    /** What needs no catalog: assignments, writing words, built-ins with side effects, qualified calls. */
    static void checkLexically(ReadStatement statement) {
        for (int i = 0; i < statement.tokens().size(); i++) {
            var t = statement.tokens().get(i);
            if (t.isSymbol(":=")) {
                throw new ConfigError("sql", "assigning variables (:=) is not allowed in a read-only query (position "
                        + statement.position(i) + ")");
            }
            boolean called = i + 1 < statement.tokens().size() && statement.tokens().get(i + 1).isSymbol("(");
            if (WRITING_UNLESS_CALLED.contains(t.keyword()) && !called) {
                throw new ConfigError("sql", t.keyword() + " is not allowed in a read-only query (position "
                        + statement.position(i) + ")");
            }
        }
        for (ReadStatement.Call call : statement.calls()) {
            if (call.qualified()) {
                throw new ConfigError("sql", "calls the stored function " + call.name() + " (position "
                        + call.position() + "); stored functions are not allowed in a read-only query");
            }
            if (SIDE_EFFECTS.contains(call.name().toUpperCase(Locale.ROOT))) {
                throw new ConfigError("sql", call.name().toUpperCase(Locale.ROOT) + "() has side effects (locks, waits,"
                        + " server files or sequences) and is not allowed in a read-only query (position "
                        + call.position() + ")");
            }
        }
    }

    /** Called names that are stored functions of the current database or loadable (UDF) functions. */
    private static List<String> storedFunctions(Connection c, List<ReadStatement.Call> calls) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        calls.forEach(call -> names.add(call.name().toLowerCase(Locale.ROOT)));
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        String marks = String.join(", ", names.stream().map(n -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT routine_name FROM information_schema.routines"
                + " WHERE routine_type = 'FUNCTION' AND routine_schema = DATABASE() AND LOWER(routine_name) IN ("
                + marks + ")")) {
            bind(ps, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM mysql.func WHERE LOWER(name) IN (" + marks + ")")) {
            bind(ps, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        } catch (SQLException notReadable) {
            // only roles that may read mysql.* see loadable functions; installing one needs those rights too
        }
        return found;
    }

    private static void bind(PreparedStatement ps, Set<String> names) throws SQLException {
        int i = 1;
        for (String name : names) {
            ps.setString(i++, name);
        }
    }

    private static String sqlMode(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode")) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
    }

    private static List<List<String>> concat(List<List<String>> a, List<List<String>> b) {
        List<List<String>> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
