package io.dtaas.controlplane.variable;

import io.dtaas.connect.ConfigValues;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.variables.ExecutionContext;

/** The task facts context variables read, from stored rows (non-secret settings only). Call in a transaction. */
final class ContextFacts {

    private ContextFacts() {
    }

    static ExecutionContext.TaskFacts of(TaskEntity task, ConnectorService.Resolved source,
                                         ConnectorService.Resolved destination) {
        return new ExecutionContext.TaskFacts(task.id, task.name, connector(source), connector(destination));
    }

    static ExecutionContext.ConnectorFacts connector(ConnectorService.Resolved c) {
        ConnectorEntity e = ConnectorEntity.findById(c.id());
        return new ExecutionContext.ConnectorFacts(c.id(), e == null ? null : e.name, c.connector().type().id(),
                setting(c.values(), "database"), setting(c.values(), "host"));
    }

    private static String setting(ConfigValues values, String field) {
        return values.type().field(field).filter(f -> !f.secret()).isPresent() ? values.string(field) : null;
    }
}
