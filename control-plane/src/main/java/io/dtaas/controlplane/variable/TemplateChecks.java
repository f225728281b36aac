package io.dtaas.controlplane.variable;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.job.TransferConfig;
import io.dtaas.variables.TextTemplates;
import io.dtaas.variables.VariableReferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code {{variables}}} when a task or a connector is saved: each reference well-formed and well-placed
 * (in SQL, by the source database's rules) and naming a stored variable. A problem is a 422 naming the field.
 */
@ApplicationScoped
public class TemplateChecks {

    private final ConnectorRegistry registry;
    private final VariableCatalog catalog;

    public TemplateChecks(ConnectorRegistry registry, VariableCatalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    /**
     * A task's custom queries, transformation settings and file name template, and its destination connector's
     * prefix, path or file name template. Adds a
     * problem per bad or unknown reference; {@code source}/{@code destination} may be null (already reported).
     */
    public void task(TransferConfig transfer, Long source, Long destination, List<FieldProblem> problems) {
        List<VariableReferences.Use> uses = new ArrayList<>();
        try {
            uses.addAll(VariableReferences.inTask(transfer.queries(), transfer.transformations(),
                    SourceLexicon.of(connector(source)).lexicon()));
            String names = transfer.fileNameTemplate();
            if (TextTemplates.mayHoldReferences(names)) {
                uses.add(new VariableReferences.Use("config.file_name_template",
                        TextTemplates.parse(names, "config.file_name_template").names()));
            }
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
        ConnectorEntity target = destination == null ? null : ConnectorEntity.findById(destination);
        if (target != null && target.connectionConfig != null) {
            registry.find(target.typeId).ifPresent(c -> {
                try {
                    VariableReferences.inConnector(c.type(), target.connectionConfig, "connection_config")
                            .forEach(u -> uses.add(new VariableReferences.Use("destination_connector_id", u.names())));
                } catch (ConfigError e) {
                    e.problems().forEach(p -> problems.add(new FieldProblem("destination_connector_id",
                            "connector " + destination + ": " + p)));
                }
            });
        }
        unknown(uses, destination, problems);
    }

    private void unknown(List<VariableReferences.Use> uses, Long destination, List<FieldProblem> problems) {
        if (uses.isEmpty()) {
            return;
        }
        Set<String> known = catalog.definitions().keySet();
        for (VariableReferences.Use use : uses) {
            use.names().stream().filter(n -> !known.contains(n)).forEach(n -> problems.add(new FieldProblem(use.field(),
                    (use.field().equals("destination_connector_id") ? "connector " + destination + "'s settings use" : "uses")
                            + " unknown variable {{" + n + "}}; defined: " + known.stream().sorted().toList())));
        }
    }

    private io.dtaas.connect.Connector connector(Long id) {
        ConnectorEntity e = id == null ? null : ConnectorEntity.findById(id);
        return e == null ? null : registry.find(e.typeId).orElse(null);
    }
}
