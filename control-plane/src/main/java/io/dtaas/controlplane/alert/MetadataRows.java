package io.dtaas.controlplane.alert;

import io.dtaas.error.SystemError;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs one metadata query and hands each row to the caller, so the alert checks keep no JDBC plumbing of their own. */
final class MetadataRows {

    /** What to do with one row (read its columns; may open or resolve alerts on connections of their own). */
    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private MetadataRows() {
    }

    /** @param what what the query is for, completing "cannot …" in the error */
    static void each(DataSource metadata, String sql, String what, Row row) {
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw new SystemError("cannot " + what, e);
        }
    }
}
