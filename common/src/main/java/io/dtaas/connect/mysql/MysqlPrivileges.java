package io.dtaas.connect.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the connected MySQL/MariaDB account can do beyond reading: global FILE, SUPER or ALL PRIVILEGES. */
final class MysqlPrivileges {

    private static final Pattern GLOBAL_GRANT = Pattern.compile("^GRANT (.+?) ON \\*\\.\\* TO ", Pattern.CASE_INSENSITIVE);

    private MysqlPrivileges() {
    }

    static List<String> warnings(Connection c) throws SQLException {
        List<String> warnings = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                warnings.addAll(fromGrant(rs.getString(1)));
            }
        }
        return warnings.stream().distinct().toList();
    }

    /** The warnings one line of SHOW GRANTS calls for. */
    static List<String> fromGrant(String grant) {
        Matcher m = GLOBAL_GRANT.matcher(grant);
        if (!m.find()) {
            return List.of();
        }
        String privileges = m.group(1).toUpperCase(Locale.ROOT);
        List<String> warnings = new ArrayList<>();
        boolean all = privileges.contains("ALL PRIVILEGES");
        if (all || privileges.matches("(^|.*, )FILE(,.*|$)")) {
            warnings.add("the account has the FILE privilege" + (all ? " (ALL PRIVILEGES)" : "") + ": it can read and"
                    + " write files on the database host (LOAD_FILE, SELECT ... INTO OUTFILE); DTaaS needs SELECT"
                    + " (and REPLICATION SLAVE, REPLICATION CLIENT for CDC) only, see docs/connectors.md");
        }
        if (all || privileges.matches("(^|.*, )SUPER(,.*|$)")) {
            warnings.add("the account has the SUPER privilege" + (all ? " (ALL PRIVILEGES)" : "") + ": it can change"
                    + " server settings and end other sessions; DTaaS needs read (and replication) only, see"
                    + " docs/connectors.md");
        }
        return warnings;
    }
}
