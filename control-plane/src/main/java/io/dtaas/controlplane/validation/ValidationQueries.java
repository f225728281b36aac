package io.dtaas.controlplane.validation;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads validation runs. A task's health follows its latest finished validation, so one under way does not hide
 * what the previous one found.
 */
@ApplicationScoped
public class ValidationQueries {

    private static final String LATEST_FINISHED = "id in (select max(v.id) from ValidationEntity v"
            + " where v.status <> 'running' group by v.taskId)";

    public List<ValidationView> forTask(long taskId, Integer limit) {
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return ValidationEntity.<ValidationEntity>find("taskId", Sort.descending("id"), taskId).page(0, n).list()
                .stream().map(ValidationView::of).toList();
    }

    public Map<Long, ValidationSummary> latestByTask() {
        List<ValidationEntity> latest = ValidationEntity.list(LATEST_FINISHED);
        return latest.stream().collect(Collectors.toMap(v -> v.taskId, ValidationSummary::of, (a, b) -> a));
    }

    public ValidationSummary latestOf(long taskId) {
        return ValidationEntity.<ValidationEntity>find("taskId = ?1 and status <> 'running' order by id desc", taskId)
                .firstResultOptional().map(ValidationSummary::of).orElse(null);
    }
}
