package io.dtaas.connect.mysql;

import io.dtaas.connect.RetainedLog;
import io.dtaas.connect.mysql.MysqlBinlogRetention.BinlogFile;
import io.dtaas.connect.mysql.MysqlBinlogRetention.Expiry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MysqlBinlogRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final List<BinlogFile> FILES = List.of(new BinlogFile("bin.000007", 1_000),
            new BinlogFile("bin.000008", 2_000), new BinlogFile("bin.000009", 500));

    @Test
    void retainsTheOffsetsFileFromItsPositionAndEveryLaterOne() {
        RetainedLog log = MysqlBinlogRetention.judge(FILES, new Expiry(86_400L), "bin.000008", 300,
                NOW.getEpochSecond() - 3_600, NOW);
        assertThat(log).isEqualTo(new RetainedLog(true, 2_200L, null, null, "bin.000008", 82_800L));
        assertThat(log.purged()).isFalse();
        assertThat(log.heldBySlot()).isFalse();
        assertThat(log.lostReason(1, "dtaas_task_1")).isEmpty();
    }

    @Test
    void aFileNoLongerListedWasPurged() {
        RetainedLog log = MysqlBinlogRetention.judge(FILES, new Expiry(86_400L), "bin.000003", 4, null, NOW);
        assertThat(log).isEqualTo(new RetainedLog(false, null, null, null, "bin.000003", null));
        assertThat(log.purged()).isTrue();
        assertThat(log.lostReason(5, "dtaas_task_5")).hasValueSatisfying(m -> assertThat(m).contains("bin.000003")
                .contains("purged").contains("/api/tasks/5/resync"));
    }

    @Test
    void anOverdueFileIsDueNowAndNoExpiryOrNoEventTimeTellsNothing() {
        long old = NOW.getEpochSecond() - 100_000;
        assertThat(MysqlBinlogRetention.judge(FILES, new Expiry(86_400L), "bin.000009", 0, old, NOW).purgeInSeconds())
                .isZero();
        assertThat(MysqlBinlogRetention.judge(FILES, Expiry.NEVER, "bin.000009", 0, old, NOW).purgeInSeconds()).isNull();
        assertThat(MysqlBinlogRetention.judge(FILES, new Expiry(60L), "bin.000009", 0, null, NOW).purgeInSeconds())
                .isNull();
        assertThat(MysqlBinlogRetention.judge(FILES, Expiry.NEVER, "bin.000009", 900, old, NOW).retainedBytes())
                .as("a position past the file's size (rotated meanwhile) is not negative").isZero();
    }

    @Test
    void expirySecondsWinOverDaysAndAutoPurgeOffMeansNever() {
        assertThat(MysqlBinlogRetention.expiry(Map.of("binlog_expire_logs_seconds", "3600", "expire_logs_days", "2")))
                .isEqualTo(new Expiry(3_600L));
        assertThat(MysqlBinlogRetention.expiry(Map.of("binlog_expire_logs_seconds", "0", "expire_logs_days", "0.500000")))
                .isEqualTo(new Expiry(43_200L));
        assertThat(MysqlBinlogRetention.expiry(Map.of("binlog_expire_logs_seconds", "0", "expire_logs_days", "0.000000")))
                .isEqualTo(Expiry.NEVER);
        assertThat(MysqlBinlogRetention.expiry(Map.of("binlog_expire_logs_seconds", "2592000",
                "binlog_expire_logs_auto_purge", "OFF"))).isEqualTo(Expiry.NEVER);
    }
}
