package io.dtaas.connect.mysql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation's consistent point on a binlog: a committed offset against the source's position. */
class MysqlPositionTest {

    private static final MysqlPosition AT = MysqlPosition.parse("mysql-bin.000007/1200/0-1-50");

    @Test
    void theTextRoundTrips() {
        assertThat(MysqlPosition.parse(AT.text())).isEqualTo(AT);
        assertThat(MysqlPosition.parse("mysql-bin.000001/4/")).isEqualTo(new MysqlPosition("mysql-bin.000001", 4, ""));
    }

    @Test
    void fileAndPositionDecideOnTheSameBinlog() {
        assertThat(AT.reachedBy(Map.of("file", "mysql-bin.000007", "pos", 1200))).contains(true);
        assertThat(AT.reachedBy(Map.of("file", "mysql-bin.000007", "pos", 1199L))).contains(false);
        assertThat(AT.reachedBy(Map.of("file", "mysql-bin.000008", "pos", 4))).as("a later file").contains(true);
        assertThat(AT.reachedBy(Map.of("file", "mysql-bin.000006", "pos", 99_999))).as("an earlier file").contains(false);
        assertThat(AT.reachedBy(Map.of("file", "mysql-bin.000010", "pos", 4, "gtids", "0-1-1")))
                .as("file/position win over GTIDs on the same server").contains(true);
    }

    @Test
    void gtidsDecideOnAnotherServersBinlog() {
        assertThat(AT.reachedBy(Map.of("file", "other-bin.000001", "pos", 4, "gtids", "0-2-50"))).contains(true);
        assertThat(AT.reachedBy(Map.of("file", "other-bin.000001", "pos", 4, "gtids", "0-2-49"))).contains(false);
        assertThat(AT.reachedBy(Map.of("file", "other-bin.000001", "pos", 4))).as("nothing to compare").isEmpty();
        assertThat(AT.reachedBy(Map.of())).isEmpty();
    }

    @Test
    void gtidSetsOfBothServers() {
        assertThat(GtidSets.contains("0-1-10,1-1-5", "0-1-10")).isTrue();
        assertThat(GtidSets.contains("0-1-10", "0-1-10,1-1-1")).as("a domain missing").isFalse();
        String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        assertThat(GtidSets.contains(uuid + ":1-100", uuid + ":1-57")).isTrue();
        assertThat(GtidSets.contains(uuid + ":1-50:52-100", uuid + ":1-57")).as("a gap").isFalse();
        assertThat(GtidSets.contains(uuid.toUpperCase() + ":1-9,\n" + uuid + ":tag:1-3", uuid + ":1-9:tag:2")).isTrue();
        assertThat(GtidSets.contains(uuid + ":1-9", uuid + ":1-9:tag:2")).as("a tagged GTID missing").isFalse();
    }
}
