package io.dtaas.controlplane.task;

import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.TransientError;
import io.dtaas.job.TransferConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Checks a task's custom queries ({@code config.queries}) on save, the way a run reads them: the source's read
 * guard admits one read-only statement, then the server describes it. A refused query is a 422 naming
 * {@code config.queries.<table>}; a query with {@code {{variables}}} is judged when it runs (its values are not
 * known yet), and an unreachable source defers the check to the start, with a warning.
 */
@ApplicationScoped
public class TaskQueries {

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public TaskQueries(ConnectorService connectors, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.gateway = gateway;
    }

    void check(Long sourceConnectorId, TransferConfig config, List<FieldProblem> problems, List<String> warnings) {
        if (config.queries().isEmpty() || sourceConnectorId == null) {
            return;
        }
        ConnectorService.Resolved source = connectors.resolve(sourceConnectorId);
        for (Map.Entry<String, String> query : config.queries().entrySet()) {
            if (query.getValue() == null || query.getValue().contains("{{")) {
                continue;
            }
            String field = "config.queries." + query.getKey();
            try {
                gateway.describe(source.connector(), source.values(), query.getKey(), query.getValue());
            } catch (ConfigError refused) {
                refused.problems().forEach(p -> problems.add(new FieldProblem(field, p.message())));
            } catch (NotFoundError | UnsupportedOperationException notDescribable) {
                // a source without custom queries is reported by the run
            } catch (TransientError unreachable) {
                warnings.add(TaskValidator.deferred(unreachable));
                return;
            }
        }
    }
}
