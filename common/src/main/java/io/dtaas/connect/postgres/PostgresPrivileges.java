package io.dtaas.connect.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the connected PostgreSQL role can do beyond reading tables: superuser and the server-file roles. */
final class PostgresPrivileges {

    private static final String ROLE = """
            SELECT r.rolsuper,
                   pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER'),
                   pg_has_role(current_user, 'pg_read_server_files', 'MEMBER'),
                   pg_has_role(current_user, 'pg_write_server_files', 'MEMBER'),
                   current_user
            FROM pg_roles r WHERE r.rolname = current_user""";

    private PostgresPrivileges() {
    }

    static List<String> warnings(Connection c) throws SQLException {
        List<String> warnings = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ROLE)) {
            if (!rs.next()) {
                return warnings;
            }
            String role = "the role " + rs.getString(5);
            if (rs.getBoolean(1)) {
                warnings.add(role + " is a superuser: it can run programs on the database host (COPY ... TO PROGRAM)"
                        + " and read any server file; give DTaaS a role that can only read (and replicate, for CDC),"
                        + " see docs/connectors.md");
            }
            String[] kinds = {"pg_execute_server_program", "pg_read_server_files", "pg_write_server_files"};
            String[] what = {"run programs on the database host", "read any file on the database host",
                    "write files on the database host"};
            for (int i = 0; i < kinds.length; i++) {
                if (!rs.getBoolean(1) && rs.getBoolean(i + 2)) {
                    warnings.add(role + " is a member of " + kinds[i] + ": it can " + what[i]
                            + "; DTaaS needs read (and replication) only, see docs/connectors.md");
                }
            }
        }
        return warnings;
    }
}
