package io.dtaas.job;

import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.connect.objectstore.FileNameTemplate;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's {@code config}, validated: which tables, how big the batches, how parallel, how to write.
 *
 * @param tables            table selectors: {@code table}, {@code schema.table}, or patterns ({@code schema.*},
 *                          {@code %} wildcards)
 * @param excludeTables     selectors removed from what {@code tables} matched
 * @param targetSchema      destination schema (null: the source table's schema)
 * @param queries           custom SELECT per table ({@code schema.table} → SQL), read instead of the whole table
 * @param chunkRows         rows per chunk when a table is split
 * @param maxParallelChunks chunks of one table moved at once
 * @param maxRetries        an optional cap on retries of a chunk or change batch (null: the time budget alone)
 * @param retryBudgetSeconds how long a chunk or change batch keeps retrying transient failures after its first one
 * @param transformations   transformation lists per table name ({@code table} or {@code schema.table}), as raw
 *                          JSON; their shape is checked here, {@link #transformationsFor} parses one
 * @param validateAfterLoad validate the task's tables after each completed full load (docs/validation.md)
 * @param partitionBy       file destinations: the task's {@code partition_by} (columns, comma-separated), null to
 *                          keep the destination's
 * @param fileNameTemplate  file destinations: the task's {@code file_name_template}, null to keep the destination's
 * @param validationSchedule a five-field cron expression (UTC) on which the task validates its tables, or null
 *                          (docs/validation.md; the control plane checks the expression when the task is saved)
 */
public record TransferConfig(List<String> tables, List<String> excludeTables, int batchSize, boolean parallel,
                             int maxParallelTables, int maxParallelChunks, long chunkRows, WriteMode writeMode,
                             String targetSchema, Map<String, String> queries, Integer maxRetries,
                             Map<String, Object> transformations, Integer pollInterval, boolean trackDeletes,
                             Integer cdcPollInterval, int retryBudgetSeconds, boolean validateAfterLoad,
                             String partitionBy, String fileNameTemplate, String validationSchedule) {

    /** Settings of a file destination a task may set for itself (they override the connector's). */
    public static final List<String> DESTINATION_SETTINGS = List.of("partition_by", "file_name_template");
    private static final Set<String> KNOWN = Set.of("tables", "exclude_tables", "batch_size", "parallel",
            "max_parallel_tables", "max_parallel_chunks", "chunk_rows", "write_mode", "target_schema", "queries",
            "max_retries", "transformations", "poll_interval", "track_deletes", "cdc_poll_interval",
            "retry_budget_seconds", "validate_after_load", "partition_by", "file_name_template", "drop_slot_above_mb",
            "validation_schedule");

    /** Long enough to ride through a database restart (a fast shutdown and recovery, a failover). */
    public static final int DEFAULT_RETRY_BUDGET_SECONDS = 120;

    public TransferConfig {
        tables = List.copyOf(tables);
        excludeTables = List.copyOf(excludeTables);
        queries = Map.copyOf(queries);
        transformations = transformations == null ? Map.of() : transformations;
    }

    /** The same settings with other custom queries: the queries with their {@code {{variables}}} rendered. */
    public TransferConfig withQueries(Map<String, String> rendered) {
        return new TransferConfig(tables, excludeTables, batchSize, parallel, maxParallelTables, maxParallelChunks,
                chunkRows, writeMode, targetSchema, rendered, maxRetries, transformations, pollInterval, trackDeletes,
                cdcPollInterval, retryBudgetSeconds, validateAfterLoad, partitionBy, fileNameTemplate,
                validationSchedule);
    }

    /** The same settings with another write mode (full_load_then_cdc always replaces the target). */
    public TransferConfig withWriteMode(WriteMode mode) {
        return new TransferConfig(tables, excludeTables, batchSize, parallel, maxParallelTables, maxParallelChunks,
                chunkRows, mode, targetSchema, queries, maxRetries, transformations, pollInterval, trackDeletes,
                cdcPollInterval, retryBudgetSeconds, validateAfterLoad, partitionBy, fileNameTemplate,
                validationSchedule);
    }

    /** The destination settings this task sets ({@link #DESTINATION_SETTINGS}), to apply over the connector's. */
    public Map<String, String> destinationSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (partitionBy != null) {
            settings.put("partition_by", partitionBy);
        }
        if (fileNameTemplate != null) {
            settings.put("file_name_template", fileNameTemplate);
        }
        return settings;
    }

    /**
     * The transformations configured for a table, by {@code schema.table} or else by bare name, with the
     * config path used to name their problems.
     */
    public io.dtaas.transform.TransformationChain transformationsFor(io.dtaas.data.TableRef table) {
        String key = transformations.containsKey(table.toString()) ? table.toString() : table.name();
        Object raw = transformations.get(key);
        return raw == null ? io.dtaas.transform.TransformationChain.empty()
                : io.dtaas.transform.TransformationChain.parse(raw, "config.transformations." + key);
    }

    /**
     * @param raw the task's {@code config} object as JSON-decoded values
     * @throws ConfigError naming every bad field as {@code config.<field>}
     */
    public static TransferConfig from(Map<String, Object> raw) {
        Map<String, Object> in = raw == null ? Map.of() : raw;
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : in.keySet()) {
            if (!KNOWN.contains(key)) {
                problems.add(new FieldProblem("config." + key, "unknown setting; known: " + KNOWN.stream().sorted().toList()));
            }
        }
        Reader r = new Reader(in, problems);
        TransferConfig config = new TransferConfig(
                r.strings("tables"), r.strings("exclude_tables"),
                r.integer("batch_size", 10_000, 1, 1_000_000),
                r.bool("parallel", true),
                r.integer("max_parallel_tables", 5, 1, 64),
                r.integer("max_parallel_chunks", 2, 1, 64),
                r.integer("chunk_rows", 500_000, 1_000, 100_000_000),
                r.writeMode(),
                r.string("target_schema"),
                r.stringMap("queries"),
                r.optionalInteger("max_retries", 0, 1000),
                r.transformations(),
                r.optionalInteger("poll_interval", 1, 86_400),
                r.bool("track_deletes", false),
                r.optionalInteger("cdc_poll_interval", 1, 86_400),
                r.integer("retry_budget_seconds", DEFAULT_RETRY_BUDGET_SECONDS, 0, 86_400),
                r.bool("validate_after_load", false),
                r.partitionBy(),
                r.fileNameTemplate(),
                r.string("validation_schedule"));
        // read by the control-plane's retention check (docs/cdc.md, "Hard limit"), not by the engine: checked here
        r.optionalInteger("drop_slot_above_mb", 1, Integer.MAX_VALUE);
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return config;
    }

    /** Reads typed values out of the raw map, collecting a problem per bad field. */
    private record Reader(Map<String, Object> in, List<FieldProblem> problems) {

        int integer(String name, int fallback, int min, int max) {
            Integer v = optionalInteger(name, min, max);
            return v == null ? fallback : v;
        }

        Integer optionalInteger(String name, int min, int max) {
            Object v = in.get(name);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Integer || v instanceof Long)) {
                problems.add(new FieldProblem("config." + name, "must be an integer"));
                return null;
            }
            long n = ((Number) v).longValue();
            if (n < min || n > max) {
                problems.add(new FieldProblem("config." + name, "must be between " + min + " and " + max));
                return null;
            }
            return (int) n;
        }

        boolean bool(String name, boolean fallback) {
            Object v = in.get(name);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                problems.add(new FieldProblem("config." + name, "must be true or false"));
                return fallback;
            }
            return b;
        }

        String string(String name) {
            Object v = in.get(name);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s) || s.isBlank() || s.length() > 1000) {
                problems.add(new FieldProblem("config." + name, "must be a non-empty string of at most 1000 characters"));
                return null;
            }
            return s;
        }

        List<String> strings(String name) {
            Object v = in.get(name);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list)) {
                problems.add(new FieldProblem("config." + name, "must be a list of table names"));
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s && !s.isBlank() && s.length() <= 1000) {
                    out.add(s.strip());
                } else {
                    problems.add(new FieldProblem("config." + name + "[" + i + "]", "must be a non-empty table name"));
                }
            }
            return out;
        }

        Map<String, String> stringMap(String name) {
            Object v = in.get(name);
            if (v == null) {
                return Map.of();
            }
            if (!(v instanceof Map<?, ?> map)) {
                problems.add(new FieldProblem("config." + name, "must be an object of table name to SQL"));
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            map.forEach((k, val) -> {
                if (val instanceof String s && !s.isBlank()) {
                    out.put(k.toString(), s);
                } else {
                    problems.add(new FieldProblem("config." + name + "." + k, "must be a SELECT statement"));
                }
            });
            return out;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String name) {
            Object v = in.get(name);
            if (v == null) {
                return Map.of();
            }
            if (!(v instanceof Map<?, ?>)) {
                problems.add(new FieldProblem("config." + name, "must be an object"));
                return Map.of();
            }
            return (Map<String, Object>) v;
        }

        /** Each table's list parsed by the catalogue, so shape problems are named before any schema is known. */
        Map<String, Object> transformations() {
            Map<String, Object> raw = object("transformations");
            raw.forEach((table, list) -> {
                try {
                    io.dtaas.transform.TransformationChain.parse(list, "config.transformations." + table);
                } catch (ConfigError e) {
                    problems.addAll(e.problems());
                }
            });
            return raw;
        }

        /** Column names as a list or comma-separated; kept comma-separated, as the destination field holds them. */
        String partitionBy() {
            Object v = in.get("partition_by");
            String joined = switch (v) {
                case null -> null;
                case String s -> s;
                case List<?> list when list.stream().allMatch(String.class::isInstance) ->
                        String.join(",", list.stream().map(String.class::cast).toList());
                default -> {
                    problems.add(new FieldProblem("config.partition_by", "must be a list of column names"));
                    yield null;
                }
            };
            if (joined == null) {
                return null;
            }
            try {
                // empty: this task writes no value folders, whatever the destination says
                return String.join(",", FileLayout.partitionColumns(joined, "config.partition_by"));
            } catch (ConfigError e) {
                problems.addAll(e.problems());
                return null;
            }
        }

        /** Its syntax here; whether it fits the destination's settings and the write mode, where both are known. */
        String fileNameTemplate() {
            Object v = in.get("file_name_template");
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s) || s.isBlank()) {
                problems.add(new FieldProblem("config.file_name_template", "must be a non-empty string such as "
                        + FileNameTemplate.DEFAULT));
                return null;
            }
            try {
                FileNameTemplate.parse(s, false, "config.file_name_template");
                return s.strip();
            } catch (ConfigError e) {
                problems.addAll(e.problems());
                return null;
            }
        }

        WriteMode writeMode() {
            Object v = in.get("write_mode");
            if (v == null) {
                return WriteMode.APPEND;
            }
            WriteMode mode = v instanceof String s ? WriteMode.fromWire(s) : null;
            if (mode == null) {
                problems.add(new FieldProblem("config.write_mode", "must be one of [append, overwrite, merge]"));
                return WriteMode.APPEND;
            }
            return mode;
        }
    }
}
