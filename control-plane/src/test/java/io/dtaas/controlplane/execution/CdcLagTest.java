package io.dtaas.controlplane.execution;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API counts a running stream's lag up to the moment it answers; ended streams keep their last value. */
class CdcLagTest {

    private static final Instant MEASURED = Instant.parse("2026-12-03T15:00:00Z");
    private static final Map<String, Object> STORED = Map.of("lag_seconds", 1.5, "measured_at", MEASURED.toString(),
            "events_per_second", 3.0);

    @Test
    void aRunningStreamsLagGrowsSinceItWasMeasured() {
        Map<String, Object> now = CdcLag.now(STORED, "running", MEASURED.plusSeconds(10));
        assertThat(now).containsEntry("lag_seconds", 11.5).containsEntry("events_per_second", 3.0);
    }

    @Test
    void endedStreamsAndMissingValuesStayAsStored() {
        assertThat(CdcLag.now(STORED, "stopped", MEASURED.plusSeconds(10))).isSameAs(STORED);
        assertThat(CdcLag.now(null, "running", MEASURED)).isNull();
        Map<String, Object> noLag = Map.of("measured_at", MEASURED.toString());
        assertThat(CdcLag.now(noLag, "running", MEASURED.plusSeconds(3))).isSameAs(noLag);
    }
}
