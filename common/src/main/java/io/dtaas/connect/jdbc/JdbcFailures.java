package io.dtaas.connect.jdbc;

import io.dtaas.error.DataError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.TransientError;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts SQL failures during a transfer into "retry" ({@link TransientError}: lost connection, a server shutting
 * down or starting, deadlock, serialization failure) and "give up" ({@link DataError}: a value or statement the
 * database refuses, which a retry would only repeat). What SQL says in general is here; each connector's
 * dialect adds its database's own codes ({@link JdbcDialect#isTransient}).
 */
public final class JdbcFailures {

    private JdbcFailures() {
    }

    /**
     * Transient by JDBC and SQL-standard rules: the driver's transient/recoverable exception types, SQLSTATE class
     * 08 (connection exception) and 40001 (serialization failure), or a connection reset / end of stream under the
     * driver's exception. Authentication failures (class 28) never are.
     */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("28")) {
            return false;
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || (state != null && (state.startsWith("08") || state.equals("40001")))) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SocketException || t instanceof EOFException) {
                return true; // connection reset, broken pipe, refused, the server closed the stream
            }
        }
        return false;
    }

    /**
     * @param dialect the database's dialect, which knows its own transient codes
     * @param context what was being done, e.g. "reading public.orders chunk 3/8"
     */
    public static DtaasException wrap(JdbcDialect dialect, SQLException e, String context) {
        String message = context + ": " + JdbcErrors.describe(e);
        return dialect.isTransient(e) ? new TransientError(message, e) : new DataError(message, e);
    }
}
