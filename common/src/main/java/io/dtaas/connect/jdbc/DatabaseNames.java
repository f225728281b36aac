package io.dtaas.connect.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The databases a server lists, read over an open connection with the dialect's catalog query. */
final class DatabaseNames {

    private DatabaseNames() {
    }

    static List<String> list(Connection c, JdbcDialect dialect) throws SQLException {
        if (dialect.databasesSql().isEmpty()) {
            return c.getCatalog() == null ? List.of() : List.of(c.getCatalog());
        }
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.databasesSql().get())) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
