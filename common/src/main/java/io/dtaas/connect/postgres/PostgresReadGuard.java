package io.dtaas.connect.postgres;

import io.dtaas.connect.jdbc.LexicalSettings;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.ReadRules;
import io.dtaas.connect.jdbc.ReadStatement;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlStatementGuard;
import io.dtaas.error.ConfigError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL reads: one statement as this session's lexer splits it ({@code standard_conforming_strings} read
 * live), starting with SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN (without ANALYZE), nothing locking, and
 * calling no function that changes server state or reads server files ({@link PostgresFunctionCheck}).
 */
final class PostgresReadGuard implements ReadGuard {

    private static final ReadRules RULES = new ReadRules(Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN"),
            Set.of(), ReadRules.LOCKING);
    private static final Set<String> EXPLAINABLE = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    @Override
    public ReadStatement admit(Connection connection, String sql) throws SQLException {
        ReadStatement statement = RULES.check(SqlStatementGuard.single(sql, SqlLexicon.POSTGRESQL,
                new LexicalSettings(!standardConformingStrings(connection), true)));
        switch (statement.keyword()) {
            case "SHOW" -> {
                return statement; // reads a setting; calls nothing
            }
            case "EXPLAIN" -> PostgresFunctionCheck.check(connection, explained(statement).text());
            default -> PostgresFunctionCheck.check(connection, statement.text());
        }
        return statement;
    }

    /** What an EXPLAIN explains, refusing ANALYZE (which runs the statement). */
    static ReadStatement explained(ReadStatement explain) {
        for (String word : List.of("ANALYZE", "ANALYSE")) {
            int at = explain.indexOf(word);
            if (at >= 0) {
                throw new ConfigError("sql", "EXPLAIN " + word + " runs the statement and is not allowed here (position "
                        + explain.position(at) + ")");
            }
        }
        int i = explain.indexOf("EXPLAIN") + 1;
        if (i < explain.tokens().size() && explain.tokens().get(i).isSymbol("(")) {
            while (i < explain.tokens().size() && !explain.tokens().get(i).isSymbol(")")) {
                i++;
            }
            i++;
        }
        while (i < explain.tokens().size() && explain.tokens().get(i).isWord("VERBOSE")) {
            i++;
        }
        int inner = i;
        while (i < explain.tokens().size() && explain.tokens().get(i).isSymbol("(")) {
            i++;
        }
        if (i >= explain.tokens().size() || !EXPLAINABLE.contains(explain.tokens().get(i).keyword())) {
            throw new ConfigError("sql", "EXPLAIN may explain a SELECT, WITH, VALUES or TABLE statement only");
        }
        return explain.from(inner);
    }

    private static boolean standardConformingStrings(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW standard_conforming_strings")) {
            return rs.next() && "on".equalsIgnoreCase(rs.getString(1));
        }
    }
}
