package io.dtaas.controlplane.task;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleDueTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void intervalRunsWhenTheLastStartIsOldEnoughAndOnceAfterDowntime() {
        Map<String, Object> every10min = Map.of("interval_seconds", 600L);
        assertThat(ScheduleDue.interval(every10min, null, T0)).isTrue();
        LastRun last = new LastRun(T0, "completed", T0.plusSeconds(5), 0);
        assertThat(ScheduleDue.interval(every10min, last, T0.plusSeconds(599))).isFalse();
        assertThat(ScheduleDue.interval(every10min, last, T0.plusSeconds(600))).isTrue();
        Instant afterThreeDaysDown = T0.plus(Duration.ofDays(3));
        assertThat(ScheduleDue.interval(every10min, last, afterThreeDaysDown)).isTrue();
        LastRun catchUp = new LastRun(afterThreeDaysDown, "completed", afterThreeDaysDown.plusSeconds(5), 0);
        assertThat(ScheduleDue.interval(every10min, catchUp, afterThreeDaysDown.plusSeconds(10))).isFalse();
    }

    @Test
    void cronFiresAtTheNextMatchingTimeInItsZone() {
        Map<String, Object> daily2am = Map.of("cron", "0 2 * * *", "timezone", "Europe/Helsinki");
        Instant created = Instant.parse("2026-11-26T12:00:00Z");
        assertThat(ScheduleDue.cron(daily2am, created, null, Instant.parse("2026-11-26T23:59:59Z"))).isFalse();
        assertThat(ScheduleDue.cron(daily2am, created, null, Instant.parse("2026-11-27T00:00:00Z"))).isTrue();
        LastRun ranAt2 = new LastRun(Instant.parse("2026-11-27T00:00:03Z"), "completed", null, 0);
        assertThat(ScheduleDue.cron(daily2am, created, ranAt2, Instant.parse("2026-11-27T12:00:00Z"))).isFalse();
        assertThat(ScheduleDue.cron(daily2am, created, ranAt2, Instant.parse("2026-12-05T12:00:00Z"))).isTrue();
    }

    @Test
    void continuousRestartsAtOnceAfterSuccessAndBacksOffAfterFailures() {
        assertThat(ScheduleDue.continuous(null, T0)).isTrue();
        assertThat(ScheduleDue.continuous(new LastRun(T0, "completed", T0, 0), T0)).isTrue();
        LastRun failedTwice = new LastRun(T0, "failed", T0, 2);
        assertThat(ScheduleDue.continuous(failedTwice, T0.plusSeconds(19))).isFalse();
        assertThat(ScheduleDue.continuous(failedTwice, T0.plusSeconds(20))).isTrue();
        assertThat(ScheduleDue.backoff(30)).isEqualTo(Duration.ofMinutes(10));
        assertThat(ScheduleDue.continuous(new LastRun(T0, "stopped", T0, 0), T0.plusSeconds(3600))).isFalse();
    }

    @Test
    void everyKindOfScheduleBacksOffAfterFailuresAndSaysWhen() {
        Map<String, Object> every10s = Map.of("interval_seconds", 10L);
        LastRun failed3 = new LastRun(T0, "failed", T0.plusSeconds(1), 3);
        assertThat(ScheduleDue.backingOff(failed3)).isTrue();
        assertThat(ScheduleDue.next("interval", every10s, T0, failed3)).contains(T0.plusSeconds(41));
        assertThat(ScheduleDue.interval(every10s, failed3, T0.plusSeconds(40))).isFalse();
        assertThat(ScheduleDue.next("continuous", Map.of(), T0, failed3)).contains(T0.plusSeconds(41));
        LastRun ok = new LastRun(T0, "completed", T0.plusSeconds(1), 0);
        assertThat(ScheduleDue.next("interval", every10s, T0, ok)).contains(T0.plusSeconds(10));
        assertThat(ScheduleDue.next("on_demand", Map.of(), T0, ok)).isEmpty();
        assertThat(ScheduleDue.next("interval", every10s, T0, new LastRun(T0, "running", null, 0))).isEmpty();
    }
}
