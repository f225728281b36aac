package io.dtaas.controlplane.testing;

import io.dtaas.testing.PostgresFixture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct SQL on the test app's metadata database, for what the API deliberately does not show. */
public final class MetadataDb {

    private MetadataDb() {
    }

    public static long scalar(String sql, Object... params) {
        return first(sql, rs -> rs.getLong(1), params);
    }

    public static String text(String sql, Object... params) {
        return first(sql, rs -> rs.getString(1), params);
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T first(String sql, Column<T> column, Object... params) {
        try (Connection c = PostgresFixture.connect(MetadataPostgresResource.DATABASE);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for: " + sql);
                }
                return column.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql, Object... params) {
        try (Connection c = PostgresFixture.connect(MetadataPostgresResource.DATABASE);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
