package io.dtaas.controlplane.transform;

import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.data.Batch;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.transform.Pipeline;
import io.dtaas.transform.TransformContext;
import io.dtaas.transform.TransformationChain;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a list of transformations over the first rows of a source table. Row-set transformations (deduplicate,
 * sort, limit, aggregate) see only those rows, not the whole table. Variables are not resolved here: the caller
 * may pass test values ({@code variables}, as the builder resolves them); a {@code {{name}}} without one shows as
 * written (or NULL in expressions).
 */
@ApplicationScoped
public class TransformationPreview {

    static final int DEFAULT_ROWS = 20;
    static final int MAX_ROWS = 1000;

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;
    private final PreviewDeadline deadline;

    public TransformationPreview(ConnectorService connectors, ConnectorGateway gateway, PreviewDeadline deadline) {
        this.connectors = connectors;
        this.gateway = gateway;
        this.deadline = deadline;
    }

    /** @throws ConfigError naming {@code connector_id}, {@code table}, {@code limit} or {@code transformations[i]...} */
    public PreviewResult preview(PreviewRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with connector_id, table and transformations is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (request.connectorId() == null) {
            problems.add(new FieldProblem("connector_id", "is required: the id of the connector to read from"));
        }
        if (request.table() == null || request.table().isBlank()) {
            problems.add(new FieldProblem("table", "is required: a table name, or schema.table"));
        }
        int limit = request.limit() == null ? DEFAULT_ROWS : request.limit();
        if (limit < 1 || limit > MAX_ROWS) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_ROWS));
        }
        TransformationChain chain = null;
        try {
            chain = TransformationChain.parse(request.transformations() == null ? List.of() : request.transformations(),
                    "transformations");
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        ConnectorService.Resolved c = connectors.resolve(request.connectorId());
        // the read is bounded by the database's statement timeout; the work in our JVM by the preview deadline
        Batch before = gateway.preview(c.connector(), c.values(), request.table().strip(), limit);
        TransformationChain transformations = chain;
        Map<String, Object> testValues = request.variables() == null ? Map.of() : request.variables();
        return deadline.run(checkpoint -> {
            Pipeline pipeline = transformations.bind(before.schema(), TransformContext.validation(testValues));
            return new PreviewResult(SampleValues.of(before, checkpoint),
                    SampleValues.of(pipeline.output(), pipeline.applyRows(before.rows(), checkpoint), checkpoint));
        });
    }
}
