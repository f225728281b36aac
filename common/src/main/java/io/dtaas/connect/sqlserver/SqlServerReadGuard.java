package io.dtaas.connect.sqlserver;

import io.dtaas.connect.jdbc.LexicalSettings;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.ReadRules;
import io.dtaas.connect.jdbc.ReadStatement;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlStatementGuard;

import java.sql.Connection;
import java.util.Set;

/**
 * SQL Server reads. T-SQL needs no separator between statements ({@code SELECT 1 DELETE FROM t} is two), and SQL
 * Server has no read-only transactions, so besides one statement by the lexer's count ({@code [names]},
 * {@code N'...'}, nested comments, no backslash escapes), every word that starts another statement or reaches
 * outside the database is refused wherever it stands in code. Verified at the unit level (no SQL Server here).
 */
final class SqlServerReadGuard implements ReadGuard {

    static final ReadRules RULES = new ReadRules(Set.of("SELECT", "WITH"), Set.of("INSERT", "UPDATE", "DELETE",
            "MERGE", "EXEC", "EXECUTE", "DROP", "CREATE", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "DENY", "DECLARE",
            "SET", "BEGIN", "COMMIT", "ROLLBACK", "SAVE", "WAITFOR", "USE", "DBCC", "BACKUP", "RESTORE", "SHUTDOWN",
            "KILL", "BULK", "OPENROWSET", "OPENDATASOURCE", "OPENQUERY", "RECONFIGURE", "GO", "PRINT", "RAISERROR",
            "THROW", "IF", "WHILE", "RETURN", "GOTO", "CHECKPOINT", "WRITETEXT", "UPDATETEXT", "READTEXT", "REVERT",
            "SETUSER", "ENABLE", "DISABLE", "SEND", "RECEIVE", "MOVE", "GET"), ReadRules.LOCKING);

    @Override
    public ReadStatement admit(Connection connection, String sql) {
        return RULES.check(SqlStatementGuard.single(sql, SqlLexicon.SQL_SERVER, LexicalSettings.STANDARD));
    }
}
