package io.dtaas.controlplane.dashboard;

import io.dtaas.engine.ResourceBudget;

import java.util.Map;

/**
 * The dashboard's headline numbers.
 *
 * @param tasksByStatus        every status, with 0 where no task has it
 * @param activeExecutions     executions queued, running or stopping
 * @param rowsToday            rows written by executions created since midnight UTC
 * @param throughputRowsPerSecond sum of the running executions' average rates
 * @param budget               this process's chunk budget (standalone: every execution's chunks draw from it;
 *                             distributed: each transfer-worker has its own, on its /q/metrics)
 * @param redisConfigured      whether this instance uses Redis ({@code REDIS_URL} set): only then does
 *                             {@code /q/health} carry a Redis check, and the dashboard a Redis row
 */
public record DashboardStats(long totalTasks, Map<String, Long> tasksByStatus, long totalConnectors,
                             long sourceConnectors, long destinationConnectors, long activeExecutions,
                             long executionsToday, long failedToday, long rowsToday, double throughputRowsPerSecond,
                             Workers workers, ResourceBudget.Usage budget, boolean redisConfigured) {

    /**
     * @param mode   {@code standalone} (transfers run inside the control-plane) or {@code distributed}
     * @param online transfer processes available
     * @param slots  executions that can run at once
     * @param busy   executions running now
     */
    public record Workers(String mode, int online, int slots, long busy) {
    }
}
