package io.dtaas.cluster;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis failures are logged once, then reminded once a minute, and the recovery once; lost groups are recognised. */
class RedisTroubleTest {

    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void logsTheFirstFailureThenAReminderPerMinuteThenTheRecovery() {
        Ticking clock = new Ticking();
        RedisTrouble trouble = new RedisTrouble("read jobs", clock);
        assertThat(trouble.ok()).isEmpty();
        RuntimeException down = new RuntimeException("Connection refused: /127.0.0.1:6390");
        assertThat(trouble.failed(down)).get().asString().contains("cannot read jobs from Redis", "Connection refused");
        for (int i = 0; i < 59; i++) {
            clock.now = clock.now.plusSeconds(1);
            assertThat(trouble.failed(down)).as("second %d", i + 1).isEmpty();
        }
        assertThat(trouble.current()).get().asString().contains("Connection refused");
        clock.now = clock.now.plusSeconds(1);
        assertThat(trouble.failed(down)).get().asString().contains("still cannot read jobs", "59 more failure(s)");
        assertThat(trouble.ok()).get().asString().contains("Redis answers again");
        assertThat(trouble.ok()).isEmpty();
        assertThat(trouble.current()).isEmpty();
        assertThat(trouble.failed(down)).as("a new run of failures is logged again").isPresent();
    }

    @Test
    void recognisesAMissingGroupAnywhereInTheCauses() {
        RuntimeException nogroup = new RuntimeException("NOGROUP No such key 'dtaas:jobs' or consumer group 'workers'"
                + " in XREADGROUP with GROUP option");
        assertThat(RedisTrouble.groupMissing(nogroup)).isTrue();
        assertThat(RedisTrouble.groupMissing(new IllegalStateException("wrapped", nogroup))).isTrue();
        assertThat(RedisTrouble.groupMissing(new RuntimeException("Connection refused"))).isFalse();
        assertThat(RedisTrouble.groupMissing(new RuntimeException((String) null))).isFalse();
    }
}
