package io.dtaas.controlplane.metadata;

import io.dtaas.connect.jdbc.DirectDriver;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Done as the superuser at every start, after which DTaaS never uses the superuser again: the application role
 * {@value ServerAccess#APP_ROLE} exists, can log in with this start's credential (never logged), is nothing but an ordinary role
 * (no superuser, no role or database creation, no replication, member of no role, so none of
 * {@code pg_read_server_files}, {@code pg_write_server_files}, {@code pg_execute_server_program}), and owns the
 * metadata database and everything in it. SQL injected into a metadata query therefore cannot read files such as
 * the master key, write files or run programs: PostgreSQL allows those to superusers and those roles only.
 *
 * <p>Data dirs of earlier versions, where DTaaS worked as the superuser, get their objects handed over to the role
 * here (the bootstrap superuser's objects cannot be moved by {@code REASSIGN OWNED}, hence the loops).
 */
final class AppRoleBootstrap {

    /** pgjdbc called directly, not through DriverManager (see {@link DirectDriver}). */
    private static final DirectDriver DRIVER = new DirectDriver(org.postgresql.Driver::new);

    private static final String ROLE = ServerAccess.APP_ROLE;
    private static final String DB = EmbeddedMetadataStore.DATABASE;

    private static final String[] ROLE_LIMITS = {
            "ALTER ROLE " + ROLE + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT",
            // membership in any role (pg_read_server_files, pg_execute_server_program, ...) is taken away
            """
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                       JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = '%1$s' LOOP
                EXECUTE format('REVOKE %%I FROM %1$s', r.rolname);
              END LOOP;
            END $$""".formatted(ROLE),
    };

    /** Run in the metadata database: everything outside the system schemas belongs to the role. */
    private static final String[] HAND_OVER = {
            "ALTER SCHEMA public OWNER TO " + ROLE,
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            """
            DO $$ DECLARE r record; app oid := '%1$s'::regrole; BEGIN
              FOR r IN SELECT n.oid::regnamespace AS s FROM pg_namespace n WHERE n.nspowner <> app
                       AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                EXECUTE format('ALTER SCHEMA %%s OWNER TO %1$s', r.s);
              END LOOP;
              -- tables first: their indexes, row types and owned (serial, identity) sequences follow them
              FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relowner <> app AND c.relkind IN ('r', 'p', 'v', 'm')
                       AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                EXECUTE format('ALTER TABLE %%s OWNER TO %1$s', r.t);
              END LOOP;
              FOR r IN SELECT c.oid::regclass AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relowner <> app AND c.relkind = 'S'
                       AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', r.s);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE p.proowner <> app AND p.prokind <> 'a' AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.f);
              END LOOP;
              FOR r IN SELECT t.oid::regtype AS ty FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                       WHERE t.typowner <> app AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c'
                         AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
                       AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' LOOP
                EXECUTE format('ALTER TYPE %%s OWNER TO %1$s', r.ty);
              END LOOP;
            END $$""".formatted(ROLE),
    };

    private AppRoleBootstrap() {
    }

    /**
     * @param url           JDBC URL of the server without database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
     * @param superPassword the superuser's password
     * @param appPassword   the password the role gets for this run
     */
    static void run(String url, String superPassword, String appPassword) throws SQLException {
        try (Connection c = connect(url + "postgres", superPassword); Statement st = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                st.execute("CREATE ROLE " + ROLE);
            }
            for (String sql : ROLE_LIMITS) {
                st.execute(sql);
            }
            // the password travels as a SCRAM verifier computed by the driver, never in clear text
            c.unwrap(PGConnection.class).alterUserPassword(ROLE, appPassword.toCharArray(), "scram-sha-256");
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DB)) {
                st.execute("CREATE DATABASE " + DB + " OWNER " + ROLE);
            }
            st.execute("ALTER DATABASE " + DB + " OWNER TO " + ROLE);
            st.execute("REVOKE ALL ON DATABASE " + DB + " FROM PUBLIC");
        }
        try (Connection c = connect(url + DB, superPassword); Statement st = c.createStatement()) {
            for (String sql : HAND_OVER) {
                st.execute(sql);
            }
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ServerAccess.SUPERUSER);
        props.setProperty("password", password);
        return DRIVER.connect(url, props);
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
