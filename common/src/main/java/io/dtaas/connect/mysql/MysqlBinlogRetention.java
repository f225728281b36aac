package io.dtaas.connect.mysql;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.RetainedLog;
import io.dtaas.connect.StreamOffset;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a MariaDB/MySQL server keeps for a stream, from the stream's committed offset (binlog {@code file},
 * {@code pos}, {@code ts_sec}) and the server's binlog list and expiry: the bytes of the files from the offset's on
 * (less its position), whether that file is still there, and how long until the expiry may purge it. The server keeps
 * no slot, so nothing pins these files: a stopped task's file goes when it expires. Read-only statements only
 * ({@code SHOW BINARY LOGS} needs {@code BINLOG MONITOR} / {@code REPLICATION CLIENT}, as the stream does).
 */
final class MysqlBinlogRetention {

    /** One line of {@code SHOW BINARY LOGS}. */
    record BinlogFile(String name, long size) {
    }

    /** The server's binlog purge settings; {@code expireSeconds} null when binlogs never expire. */
    record Expiry(Long expireSeconds) {
        static final Expiry NEVER = new Expiry(null);
    }

    static final String EXPIRY_SQL = "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('binlog_expire_logs_seconds',"
            + " 'expire_logs_days', 'binlog_expire_logs_auto_purge')";

    private MysqlBinlogRetention() {
    }

    /** Empty when no offset names a binlog file yet (the stream never committed): nothing to measure from. */
    static Optional<RetainedLog> measure(ConfigValues source, List<StreamOffset> committed, Duration timeout, Instant now) {
        Optional<Map<String, Object>> offset = committed.stream().map(StreamOffset::offset)
                .filter(o -> o.get("file") instanceof String).findFirst();
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        String file = (String) offset.get().get("file");
        long pos = number(offset.get().get("pos"), 0L);
        long ts = number(offset.get().get("ts_sec"), 0L);
        Long tsSec = ts > 0 ? ts : null; // absent in a seeded start position; 0 is no event time either
        try (Connection c = MysqlConnections.configured(source, timeout).open(); Statement st = c.createStatement()) {
            List<BinlogFile> files = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
                while (rs.next()) {
                    files.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
                }
            }
            Map<String, String> vars = new HashMap<>();
            try (ResultSet rs = st.executeQuery(EXPIRY_SQL)) {
                while (rs.next()) {
                    vars.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
            return Optional.of(judge(files, expiry(vars), file, pos, tsSec, now));
        } catch (SQLException e) {
            throw new TransientError("cannot read the source's binary logs: " + e.getMessage(), e);
        }
    }

    /**
     * The measurement from the server's files in index order (oldest first): a file no longer listed was purged;
     * otherwise its bytes from {@code pos} and every later file's count.
     */
    static RetainedLog judge(List<BinlogFile> files, Expiry expiry, String file, long pos, Long tsSec, Instant now) {
        int at = -1;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).name().equals(file)) {
                at = i;
                break;
            }
        }
        Long purgeIn = expiry.expireSeconds() == null || tsSec == null ? null
                : Math.max(0L, tsSec + expiry.expireSeconds() - now.getEpochSecond());
        if (at < 0) {
            return new RetainedLog(false, null, null, null, file, null);
        }
        long bytes = -pos;
        for (int i = at; i < files.size(); i++) {
            bytes += files.get(i).size();
        }
        return new RetainedLog(true, Math.max(0L, bytes), null, null, file, purgeIn);
    }

    /**
     * {@code binlog_expire_logs_seconds} wins when set (MySQL 8 and MariaDB 10.6+), else {@code expire_logs_days}
     * (a decimal number of days on MariaDB); 0 in both means never. MySQL 8.0.29+ can switch purging off altogether
     * ({@code binlog_expire_logs_auto_purge = OFF}).
     */
    static Expiry expiry(Map<String, String> vars) {
        if ("OFF".equalsIgnoreCase(vars.get("binlog_expire_logs_auto_purge"))) {
            return Expiry.NEVER;
        }
        long seconds = (long) decimal(vars.get("binlog_expire_logs_seconds"));
        if (seconds > 0) {
            return new Expiry(seconds);
        }
        double days = decimal(vars.get("expire_logs_days"));
        return days > 0 ? new Expiry(Math.round(days * 86_400)) : Expiry.NEVER;
    }

    private static double decimal(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long number(Object value, long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? otherwise : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
