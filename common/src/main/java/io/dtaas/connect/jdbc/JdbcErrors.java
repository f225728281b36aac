package io.dtaas.connect.jdbc;

import io.dtaas.connect.CheckResult.Failure;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** Sorts connection failures by what the user should do; vendors add their own codes on top. */
public class JdbcErrors {

    /** The failure kind of a connection attempt, from vendor codes first, then SQLSTATE class, then causes. */
    public Failure classify(SQLException e) {
        Failure vendor = vendorSpecific(e);
        if (vendor != null) {
            return vendor;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return Failure.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException) {
                return Failure.TIMEOUT;
            }
        }
        String state = e.getSQLState();
        if (state != null && state.startsWith("28")) {
            return Failure.AUTHENTICATION;
        }
        if (state != null && state.startsWith("08")) {
            return Failure.UNREACHABLE;
        }
        if ("42501".equals(state)) {
            return Failure.PERMISSION;
        }
        return Failure.OTHER;
    }

    /** Vendor error codes that SQLSTATE alone does not tell apart; null when none applies. */
    protected Failure vendorSpecific(SQLException e) {
        return null;
    }

    /** A one-line message for the user: the driver's message without stack or secrets. */
    public static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline).trim() : message.trim();
    }
}
