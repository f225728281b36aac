package io.dtaas.controlplane.launch;

import io.quarkus.scheduler.Scheduled;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Periodic jobs are skipped until the start-up observers have run, and every periodic job of the app says so. */
class UntilStartedTest {

    @Test
    void ticksAreSkippedUntilTheStartHasRunItsObservers() {
        UntilStarted gate = new UntilStarted();
        assertThat(gate.test(null)).isTrue();
        gate.onStart(null);
        assertThat(gate.test(null)).isFalse();
    }

    @Test
    void everyScheduledJobWaitsForTheStart() throws Exception {
        for (String job : List.of("io.dtaas.controlplane.alert.AlertChecks", "io.dtaas.controlplane.alert.RetentionChecks",
                "io.dtaas.controlplane.notification.DeliveryWorker", "io.dtaas.controlplane.schedule.TaskScheduler")) {
            for (Method m : Class.forName(job).getDeclaredMethods()) {
                Scheduled s = m.getAnnotation(Scheduled.class);
                if (s != null) {
                    assertThat(s.skipExecutionIf()).as(job + "." + m.getName()).isEqualTo(UntilStarted.class);
                }
            }
        }
    }
}
