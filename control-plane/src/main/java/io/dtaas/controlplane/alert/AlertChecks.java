package io.dtaas.controlplane.alert;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Runs the alert checks every {@code dtaas.alerts.interval}, on the scheduler's thread (tests call {@link #onTick}). */
@ApplicationScoped
public class AlertChecks {

    private static final Logger LOG = Logger.getLogger(AlertChecks.class);

    private final TaskFailureAlerts failures;
    private final StreamThresholdAlerts thresholds;

    public AlertChecks(TaskFailureAlerts failures, StreamThresholdAlerts thresholds) {
        this.failures = failures;
        this.thresholds = thresholds;
    }

    @Scheduled(every = "${dtaas.alerts.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void onTick() {
        try {
            failures.check();
        } catch (RuntimeException e) {
            LOG.warnf("task failure alerts could not be checked: %s", e.getMessage());
        }
        try {
            thresholds.check();
        } catch (RuntimeException e) {
            LOG.warnf("stream threshold alerts could not be checked: %s", e.getMessage());
        }
    }
}
