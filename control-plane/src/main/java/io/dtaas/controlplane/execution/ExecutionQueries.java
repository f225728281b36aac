package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads executions for the API. */
@ApplicationScoped
public class ExecutionQueries {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ExecutionView get(long id) {
        ExecutionEntity e = ExecutionEntity.findById(id);
        if (e == null) {
            throw new NotFoundError("execution " + id + " not found");
        }
        return ExecutionView.of(e);
    }

    /** A task's executions, newest first. */
    public List<ExecutionView> forTask(long taskId, Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new ConfigError("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (TaskEntity.findById(taskId) == null) {
            throw new NotFoundError("task " + taskId + " not found");
        }
        List<ExecutionEntity> list = ExecutionEntity.find("taskId = ?1 order by id desc", taskId).page(0, n).list();
        return list.stream().map(ExecutionView::of).toList();
    }

    /** The latest execution of each task that has one, in one query. */
    public Map<Long, ExecutionSummary> latestByTask() {
        List<ExecutionEntity> latest = ExecutionEntity.list(
                "id in (select max(e.id) from ExecutionEntity e group by e.taskId)");
        return latest.stream().collect(Collectors.toMap(e -> e.taskId, ExecutionSummary::of, (a, b) -> a));
    }

    public ExecutionSummary latestOf(long taskId) {
        return ExecutionEntity.latestOf(taskId).map(ExecutionSummary::of).orElse(null);
    }
}
