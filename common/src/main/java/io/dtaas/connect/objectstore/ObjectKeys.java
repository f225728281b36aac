package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a file destination's objects:
 * {@code {prefix}{schema}/{table}/[load_date=YYYY-MM-DD/]part-{run}-{chunk:05d}-{file:03d}{extension}}.
 * The run ({@link #newRun}) makes every run's files new names, so an APPEND never replaces an earlier run's
 * files; within a run the names are fixed per chunk, so a retried chunk replaces its own files. The schema
 * folder is left out when the table has no schema.
 *
 * <p>Schema and table names become single path segments: letters, digits and {@code _ - . $} stay, every
 * other character (a {@code /}, a space, {@code %}) is percent-encoded as UTF-8, and so is a leading dot,
 * so no name can reach outside its folder ({@code ..}) or look like a hidden staging file or DTaaS's
 * {@code .dtaas-manifest} folder.
 *
 * @param loadDate the {@code load_date=} folder's date; null when files are not partitioned by load date
 */
public record ObjectKeys(String prefix, LocalDate loadDate, String extension) {

    /** A run's name: the UTC second it started and 24 random bits, e.g. {@code 20261126T101502Z-3fa9c1}. */
    static final String RUN = "\\d{8}T\\d{6}Z-[0-9a-f]{6}";
    private static final Pattern PART = Pattern.compile("part-(" + RUN + ")-(\\d{5,})-\\d{3,}\\.[^/]+");
    private static final Pattern CHANGES = Pattern.compile("changes-[^/]+");
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A part file's run and chunk, read back from its name. */
    public record Part(String run, int chunk) {
    }

    /** A new run name: sorts by start time, unique within a second with overwhelming odds. */
    public static String newRun(Instant now, RandomGenerator random) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    static boolean isRun(String name) {
        return name.matches(RUN);
    }

    /** The table's folder: everything of the table, in any load-date partition, is under it. */
    public String tableFolder(TableRef table) {
        String schema = table.schema() == null ? "" : segment(table.schema()) + "/";
        return prefix + schema + segment(table.name()) + "/";
    }

    /** The folder this run's files of the table go into. */
    public String fileFolder(TableRef table) {
        return loadDate == null ? tableFolder(table) : tableFolder(table) + "load_date=" + loadDate + "/";
    }

    /** Every file of one chunk of a run, whatever its file index and extension, starts with this. */
    public String chunkPrefix(TableRef table, String run, int chunkIndex) {
        return fileFolder(table) + "part-" + run + "-%05d-".formatted(chunkIndex);
    }

    public String fileKey(TableRef table, String run, int chunkIndex, int fileIndex) {
        return chunkPrefix(table, run, chunkIndex) + "%03d".formatted(fileIndex) + extension;
    }

    /** The run and chunk of a file named as {@link #fileKey} names them (the last path segment), if it is one. */
    public static Optional<Part> part(String name) {
        Matcher m = PART.matcher(name);
        if (!m.matches() || m.group(2).length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new Part(m.group(1), Integer.parseInt(m.group(2))));
    }

    /** Whether a file name is one of change data capture's ({@code changes-...}). */
    public static boolean isChangeFile(String name) {
        return CHANGES.matcher(name).matches();
    }

    /** One path segment for a schema or table name (see the class comment). */
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
