package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Names a file destination's objects:
 * {@code {prefix}{schema}/{table}/[load_date=YYYY-MM-DD/][col=value/...]{file name}}, the file name from the
 * {@link FileNameTemplate} (by default {@code part-{run}-{chunk:05d}-{part:03d}.{ext}}). The run ({@link #newRun})
 * makes every run's files new names when the template holds {@code {run}}, so an APPEND never replaces an earlier
 * run's files; within a run the names are fixed per chunk, so a retried chunk replaces its own files. The schema
 * folder is left out when the table has no schema.
 *
 * <p>Schema and table names become single path segments: letters, digits and {@code _ - . $} stay, every
 * other character (a {@code /}, a space, {@code %}) is percent-encoded as UTF-8, and so is a leading dot,
 * so no name can reach outside its folder ({@code ..}) or look like a hidden staging file or DTaaS's
 * {@code .dtaas-manifest} folder. Partition folders are built by {@link PartitionFolders} the same way.
 *
 * @param runDate     the UTC date the run started: {@code {date}} in file names
 * @param datedFolder whether files go into a {@code load_date=} folder of {@code runDate}
 * @param extension   the format's extension with its leading dot, e.g. {@code .csv.gz}
 */
public record ObjectKeys(String prefix, LocalDate runDate, boolean datedFolder, String extension,
                         FileNameTemplate names) {

    /** A run's name: the UTC second it started and 24 random bits, e.g. {@code 20261126T101502Z-3fa9c1}. */
    static final String RUN = "\\d{8}T\\d{6}Z-[0-9a-f]{6}";
    private static final Pattern CHANGES = Pattern.compile("changes-[^/]+");
    /** The extensions DTaaS writes: a listed data file must carry one. */
    private static final Pattern DATA_FILE = Pattern.compile("[^/._][^/]*\\.(parquet|csv|jsonl)(\\.(gz|zst|snappy))?");
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A new run name: sorts by start time, unique within a second with overwhelming odds. */
    public static String newRun(Instant now, RandomGenerator random) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    static boolean isRun(String name) {
        return name.matches(RUN);
    }

    /** The same layout for another run date (change data capture dates each batch by its first change). */
    ObjectKeys on(LocalDate date) {
        return new ObjectKeys(prefix, date, datedFolder, extension, names);
    }

    /** The table's folder: everything of the table, in any load-date or value partition, is under it. */
    public String tableFolder(TableRef table) {
        String schema = table.schema() == null ? "" : segment(table.schema()) + "/";
        return prefix + schema + segment(table.name()) + "/";
    }

    /** The folder this run's files of the table go into, before any value partition. */
    public String fileFolder(TableRef table) {
        return datedFolder ? tableFolder(table) + "load_date=" + runDate + "/" : tableFolder(table);
    }

    /**
     * A full load's file.
     *
     * @param partition the value partition's folders ({@link PartitionFolders}), empty when not partitioned
     */
    public String fileKey(TableRef table, String run, int chunkIndex, String partition, int fileIndex) {
        String schema = table.schema() == null ? "" : segment(table.schema());
        return fileFolder(table) + partition + names.render(schema, segment(table.name()), runDate, run, chunkIndex,
                fileIndex, extension.substring(1));
    }

    /** Whether a file name is one of change data capture's ({@code changes-...}). */
    public static boolean isChangeFile(String name) {
        return CHANGES.matcher(name).matches();
    }

    /** Whether a file name could be a data file DTaaS wrote: not hidden, and with one of its extensions. */
    static boolean isDataFile(String name) {
        return DATA_FILE.matcher(name).matches();
    }

    /** One path segment for a schema, table or column name or a partition value (see the class comment). */
    static String segment(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a schema or table name cannot be empty");
        }
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            boolean keep = (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '$' || cp == '.')
                    && !(i == 0 && cp == '.');
            if (keep) {
                out.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append("%02X".formatted(b & 0xff));
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
