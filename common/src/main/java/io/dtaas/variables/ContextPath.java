package io.dtaas.variables;

import io.dtaas.error.ConfigError;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@code context} variable can read about the execution it is resolved for. Times are the execution's
 * start, so every use within one execution sees the same value; dates are UTC.
 */
public enum ContextPath {

    TASK_ID("task.id", c -> new VariableValue.Int(c.task().id())),
    TASK_NAME("task.name", c -> new VariableValue.Text(c.task().name())),
    EXECUTION_ID("execution.id", c -> c.executionId() == null ? new VariableValue.Null()
            : new VariableValue.Int(c.executionId())),
    EXECUTION_STARTED_AT("execution.started_at", c -> new VariableValue.Moment(c.startedAt())),
    NOW("now", c -> new VariableValue.Moment(c.startedAt())),
    TODAY("today", c -> new VariableValue.Date(utcDate(c))),
    YESTERDAY("yesterday", c -> new VariableValue.Date(utcDate(c).minusDays(1))),
    SOURCE_ID("source_connector.id", c -> new VariableValue.Int(c.task().source().id())),
    SOURCE_NAME("source_connector.name", c -> new VariableValue.Text(c.task().source().name())),
    SOURCE_TYPE("source_connector.type", c -> new VariableValue.Text(c.task().source().type())),
    SOURCE_DATABASE("source_connector.database", c -> text(c.task().source().database())),
    SOURCE_HOST("source_connector.host", c -> text(c.task().source().host())),
    DESTINATION_ID("destination_connector.id", c -> new VariableValue.Int(c.task().destination().id())),
    DESTINATION_NAME("destination_connector.name", c -> new VariableValue.Text(c.task().destination().name())),
    DESTINATION_TYPE("destination_connector.type", c -> new VariableValue.Text(c.task().destination().type())),
    DESTINATION_DATABASE("destination_connector.database", c -> text(c.task().destination().database())),
    DESTINATION_HOST("destination_connector.host", c -> text(c.task().destination().host()));

    public static final List<String> PATHS = Arrays.stream(values()).map(ContextPath::path).toList();

    private final String path;
    private final Function<ExecutionContext, VariableValue> read;

    ContextPath(String path, Function<ExecutionContext, VariableValue> read) {
        this.path = path;
        this.read = read;
    }

    public String path() {
        return path;
    }

    /** Whether the value comes from the task (and needs one), as opposed to the execution's clock. */
    public boolean needsTask() {
        return path.startsWith("task.") || path.startsWith("source_connector.")
                || path.startsWith("destination_connector.");
    }

    /** @throws ConfigError naming {@code task_id} when the path reads a task and the context has none */
    public VariableValue valueIn(ExecutionContext context) {
        if (needsTask() && context.task() == null) {
            throw new ConfigError("task_id", "context path " + path
                    + " reads a task; give the task_id to resolve it for");
        }
        return read.apply(context);
    }

    /** @return null when {@code path} is not one of {@link #PATHS} */
    public static ContextPath fromPath(String path) {
        return Arrays.stream(values()).filter(p -> p.path.equals(path)).findFirst().orElse(null);
    }

    private static LocalDate utcDate(ExecutionContext c) {
        return LocalDate.ofInstant(c.startedAt(), ZoneOffset.UTC);
    }

    private static VariableValue text(String s) {
        return s == null ? new VariableValue.Null() : new VariableValue.Text(s);
    }
}
