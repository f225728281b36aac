package io.dtaas.connect.objectstore;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.format.TextValues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hive-style value folders of one table ({@code partition_by}): {@code region=EU/year=2026/}, one level per
 * column in the order configured. A value is written as its canonical text ({@link TextValues}, as CSV writes it)
 * encoded as one path segment like schema and table names ({@link ObjectKeys#segment}): letters, digits and
 * {@code _ - . $} stay, everything else ({@code /}, {@code =}, {@code %}, control characters, a leading dot) is
 * percent-encoded as UTF-8, which Hive, Spark and Athena decode. So no value can make a {@code ..} or {@code /}
 * and leave the table's folder. Null and the empty string are {@value #NULL_VALUE} (Hive's and Spark's name for
 * them). A folder name longer than {@value #MAX_SEGMENT} bytes is cut and ends with {@code ~} and 16 hex
 * digits of the value's SHA-256, so it stays within file-system limits and distinct (counted in UTF-8 bytes).
 *
 * <p>Partition columns stay in the files too: a reader that ignores the folders still sees every column.
 */
final class PartitionFolders {

    static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
    static final int MAX_SEGMENT = 128;
    static final int MAX_COLUMNS = 8;
    private static final PartitionFolders NONE = new PartitionFolders(List.of(), new int[0], new ColumnKind[0]);

    private final List<String> prefixes;
    private final int[] indexes;
    private final ColumnKind[] kinds;

    private PartitionFolders(List<String> prefixes, int[] indexes, ColumnKind[] kinds) {
        this.prefixes = prefixes;
        this.indexes = indexes;
        this.kinds = kinds;
    }

    /**
     * The columns of a {@code partition_by} setting: names separated by commas, at most {@value #MAX_COLUMNS},
     * no duplicates; blank means none.
     *
     * @throws ConfigError naming {@code field}
     */
    static List<String> parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            String column = part.strip();
            if (column.isEmpty() || column.length() > 128 || column.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigError(field, "must be column names separated by commas, e.g. region,year");
            }
            if (!columns.add(column)) {
                throw new ConfigError(field, "names " + column + " twice");
            }
        }
        if (columns.size() > MAX_COLUMNS) {
            throw new ConfigError(field, "may name at most " + MAX_COLUMNS + " columns");
        }
        return List.copyOf(columns);
    }

    /**
     * The folders for a table with this schema (the rows as written, after transformations).
     *
     * @throws ConfigError naming {@code field} when a column is not in the schema
     */
    static PartitionFolders of(List<String> columns, TableSchema schema, String field) {
        if (columns.isEmpty()) {
            return NONE;
        }
        List<String> prefixes = new ArrayList<>();
        int[] indexes = new int[columns.size()];
        ColumnKind[] kinds = new ColumnKind[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            int index = schema.indexOf(columns.get(i));
            if (index < 0) {
                throw new ConfigError(field, "column " + columns.get(i) + " is not in " + schema.table()
                        + " (columns: " + schema.columns().stream().map(c -> c.name()).toList() + ")");
            }
            indexes[i] = index;
            kinds[i] = schema.columns().get(index).type().kind();
            prefixes.add(ObjectKeys.segment(columns.get(i)) + "=");
        }
        return new PartitionFolders(List.copyOf(prefixes), indexes, kinds);
    }

    boolean partitioned() {
        return indexes.length > 0;
    }

    /** The row's folders, ending with {@code /}; empty when not partitioned. */
    String folder(Object[] row) {
        if (indexes.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < indexes.length; i++) {
            Object value = row[indexes[i]];
            String text = value == null ? "" : TextValues.of(kinds[i], value);
            out.append(bounded(prefixes.get(i), text.isEmpty() ? NULL_VALUE : ObjectKeys.segment(text), text))
                    .append('/');
        }
        return out.toString();
    }

    /** Rows by their folder, in the order each folder first appears, each folder's rows in their order. */
    Map<String, List<Object[]>> group(List<Object[]> rows) {
        Map<String, List<Object[]>> byFolder = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byFolder.computeIfAbsent(folder(row), f -> new ArrayList<>()).add(row);
        }
        return byFolder;
    }

    /** Cuts a folder name longer than {@value #MAX_SEGMENT} UTF-8 bytes (file systems allow 255) and marks it. */
    private static String bounded(String prefix, String encoded, String text) {
        String whole = prefix + encoded;
        if (utf8Length(whole) <= MAX_SEGMENT) {
            return whole;
        }
        int budget = MAX_SEGMENT - utf8Length(prefix) - 17;
        int end = 0;
        int bytes = 0;
        while (end < encoded.length()) {
            int cp = encoded.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(cp)));
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        int percent = encoded.lastIndexOf('%', end - 1);
        if (percent >= 0 && percent > end - 3) {
            end = percent; // never cut inside a %XX escape
        }
        return prefix + encoded.substring(0, Math.max(0, end)) + "~" + sha256(text).substring(0, 16);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
