package io.dtaas.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Decides whether a user's SQL text may run where DTaaS promises a read: the query console, db_query variables
 * and tasks' custom queries. One per dialect; it reads what it needs from the live session (settings that change
 * how the server splits text, the catalog) on the connection that will run the statement.
 *
 * <p>Called on the caller's thread, once per statement, before the read-only transaction begins; it may run its
 * own transactions on {@code connection} and leaves it with auto-commit as it found it, nothing open.
 */
@FunctionalInterface
public interface ReadGuard {

    /**
     * @return the one statement to send
     * @throws io.dtaas.error.ConfigError naming {@code sql} with the reason, when the text is refused
     */
    ReadStatement admit(Connection connection, String sql) throws SQLException;
}
