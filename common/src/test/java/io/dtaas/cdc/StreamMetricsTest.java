package io.dtaas.cdc;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.job.CdcMetrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class StreamMetricsTest {

    private Instant now = Instant.parse("2026-11-26T20:00:00Z");

    @Test
    void lagRateAndLastAppliedFollowTheAppliedBatches() {
        Clock clock = new Clock() {
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
        };
        StreamMetrics metrics = new StreamMetrics(clock);
        assertThat(metrics.snapshot()).isEqualTo(new CdcMetrics(0.0, null, 0.0, null));

        metrics.applied(30, now.minusMillis(1500));
        now = now.plusSeconds(4);
        metrics.applied(70, now.minusMillis(250));
        metrics.positionGap(4096L);
        assertThat(metrics.snapshot()).isEqualTo(new CdcMetrics(0.25, 4096L, 10.0, now));

        // nothing heard for 8 s (a stalled source): the lag grows from the newest applied change
        now = now.plusSeconds(8);
        assertThat(metrics.snapshot()).isEqualTo(new CdcMetrics(8.25, 4096L, 7.0, now.minusSeconds(8)));

        // a heartbeat-only batch: caught up now, however old the last change is
        metrics.alive();
        now = now.plusMillis(500);
        assertThat(metrics.snapshot().lagSeconds()).isEqualTo(0.5);
    }

    @Test
    void countsInsertsUpdatesAndDeletesPerTable() {
        StreamMetrics metrics = new StreamMetrics(Clock.fixed(now, ZoneOffset.UTC));
        io.dtaas.data.TableRef orders = io.dtaas.data.TableRef.parse("public.orders");
        io.dtaas.data.TableRef customers = io.dtaas.data.TableRef.parse("public.customers");
        metrics.counted(java.util.List.of(
                new ChangeEvent(ChangeEvent.Op.INSERT, orders, java.util.Map.of(), "0/1"),
                new ChangeEvent(ChangeEvent.Op.INSERT, orders, java.util.Map.of(), "0/2"),
                new ChangeEvent(ChangeEvent.Op.UPDATE, orders, java.util.Map.of(), "0/3"),
                new ChangeEvent(ChangeEvent.Op.DELETE, customers, java.util.Map.of(), "0/4")));
        metrics.counted(java.util.List.of(new ChangeEvent(ChangeEvent.Op.UPDATE, orders, java.util.Map.of(), "0/5")));

        assertThat(metrics.snapshot().changes()).isEqualTo(java.util.Map.of(
                "public.orders", new io.dtaas.job.ChangeCounts(2, 2, 0),
                "public.customers", new io.dtaas.job.ChangeCounts(0, 0, 1)));
    }
}
