package io.dtaas.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where and how to open a JDBC connection. Each connector package builds its endpoints in one class
 * ({@code PostgresConnections}, {@code MysqlConnections}, ...) from validated parts only, with its driver's
 * dangerous options pinned off; everyone else just opens them. {@link #toString()} shows the address, never a
 * credential, so an endpoint can be logged.
 */
public final class JdbcEndpoint {

    /** The driver call of one connector package; it holds the credentials and applies the pinned options last. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final String address;
    private final Opener opener;

    /** @param address what logs and messages may show, e.g. {@code postgresql://db:5432/sales} */
    public JdbcEndpoint(String address, Opener opener) {
        this.address = address;
        this.opener = opener;
    }

    public Connection open() throws SQLException {
        return opener.open();
    }

    @Override
    public String toString() {
        return "JdbcEndpoint[" + address + "]";
    }
}
