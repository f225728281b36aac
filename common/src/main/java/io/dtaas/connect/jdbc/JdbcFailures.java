package io.dtaas.connect.jdbc;

import io.dtaas.error.DataError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.TransientError;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts SQL failures during a transfer into "retry" ({@link TransientError}: lost connection, deadlock,
 * serialization failure, lock timeout) and "give up" ({@link DataError}: a value or statement the database
 * refuses, which a retry would only repeat).
 */
public final class JdbcFailures {

    /**
     * MySQL/MariaDB: deadlock, lock wait timeout, server gone/lost, too many connections, and duplicate key
     * (see {@link #isTransient}).
     */
    private static final Set<Integer> MYSQL_TRANSIENT = Set.of(1205, 1213, 2006, 2013, 1040, 1053, 1062);

    private JdbcFailures() {
    }

    /**
     * A unique violation (23505, MySQL 1062) counts as transient: a chunk write deletes its own key range before
     * inserting it, so a duplicate can only come from a concurrent writer of that range (a worker that lost its
     * table and committed late) and the retry, deleting the range again, succeeds. Real duplicates in the
     * source fail again on every retry and end as the error they are.
     */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01") || state.equals("23505")
                || state.equals("57P01") || state.equals("53300")))
                || MYSQL_TRANSIENT.contains(e.getErrorCode());
    }

    /** @param context what was being done, e.g. "reading public.orders chunk 3/8" */
    public static DtaasException wrap(SQLException e, String context) {
        String message = context + ": " + JdbcErrors.describe(e);
        return isTransient(e) ? new TransientError(message, e) : new DataError(message, e);
    }
}
