package io.dtaas.connect.oracle;

import io.dtaas.connect.jdbc.LexicalSettings;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.ReadRules;
import io.dtaas.connect.jdbc.ReadStatement;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlStatementGuard;

import java.sql.Connection;
import java.util.Set;

/**
 * Oracle reads: one statement by Oracle's lexer ({@code q'[...]'} quoting, comments that do not nest), a SELECT or
 * WITH, with no inline PL/SQL ({@code WITH FUNCTION}), no PL/SQL block, no INTO and no locking read; it then runs
 * in a {@code SET TRANSACTION READ ONLY} transaction. Verified at the unit level (no Oracle here).
 */
final class OracleReadGuard implements ReadGuard {

    static final ReadRules RULES = new ReadRules(Set.of("SELECT", "WITH"), Set.of("FUNCTION", "PROCEDURE", "BEGIN",
            "DECLARE", "INSERT", "UPDATE", "DELETE", "MERGE", "CALL", "EXECUTE", "LOCK", "COMMIT", "ROLLBACK"),
            ReadRules.LOCKING);

    @Override
    public ReadStatement admit(Connection connection, String sql) {
        return RULES.check(SqlStatementGuard.single(sql, SqlLexicon.ORACLE, LexicalSettings.STANDARD));
    }
}
