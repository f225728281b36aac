package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.launch.UntilStarted;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Runs the alert checks every {@code dtaas.alerts.interval}, on the scheduler's thread (tests call {@link #onTick}). */
@ApplicationScoped
public class AlertChecks {

    private static final Logger LOG = Logger.getLogger(AlertChecks.class);

    private final TaskFailureAlerts failures;
    private final StreamThresholdAlerts thresholds;
    private final ValidationAlerts validations;
    private final ScheduleAlerts schedules;
    private final WorkerLostAlerts workers;

    public AlertChecks(TaskFailureAlerts failures, StreamThresholdAlerts thresholds, ValidationAlerts validations,
                       ScheduleAlerts schedules, WorkerLostAlerts workers) {
        this.failures = failures;
        this.thresholds = thresholds;
        this.validations = validations;
        this.schedules = schedules;
        this.workers = workers;
    }

    @Scheduled(every = "${dtaas.alerts.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    public void onTick() {
        run("task failure", failures::check);
        run("stream threshold", thresholds::check);
        run("validation", validations::check);
        run("schedule", schedules::check);
        run("worker", workers::check);
    }

    /** One check failing (metadata or Redis unreachable) never keeps the others from running. */
    private static void run(String what, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException e) {
            LOG.warnf("%s alerts could not be checked: %s", what, e.getMessage());
        }
    }
}
