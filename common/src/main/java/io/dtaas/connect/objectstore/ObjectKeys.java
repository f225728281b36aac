package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a file destination's objects, deterministically per chunk so that a retried or repeated chunk
 * replaces its own files:
 * {@code {prefix}{schema}/{table}/[load_date=YYYY-MM-DD/]part-{chunk:05d}-{file:03d}{extension}}.
 * The schema folder is left out when the table has no schema.
 *
 * <p>Schema and table names become single path segments: letters, digits and {@code _ - . $} stay, every
 * other character (a {@code /}, a space, {@code %}) is percent-encoded as UTF-8, and so is a leading dot,
 * so no name can reach outside its folder ({@code ..}) or look like a hidden staging file.
 *
 * @param loadDate the {@code load_date=} folder's date; null when files are not partitioned by load date
 */
public record ObjectKeys(String prefix, LocalDate loadDate, String extension) {

    private static final Pattern PART = Pattern.compile("part-(\\d{5,})-(\\d{3,})(\\..+)");

    /** The table's folder: everything of the table, in any load-date partition, is under it. */
    public String tableFolder(TableRef table) {
        String schema = table.schema() == null ? "" : segment(table.schema()) + "/";
        return prefix + schema + segment(table.name()) + "/";
    }

    /** The folder this run's files of the table go into. */
    public String fileFolder(TableRef table) {
        return loadDate == null ? tableFolder(table) : tableFolder(table) + "load_date=" + loadDate + "/";
    }

    /** Every file of one chunk, whatever its file index and extension, starts with this. */
    public String chunkPrefix(TableRef table, int chunkIndex) {
        return fileFolder(table) + "part-%05d-".formatted(chunkIndex);
    }

    public String fileKey(TableRef table, int chunkIndex, int fileIndex) {
        return chunkPrefix(table, chunkIndex) + "%03d".formatted(fileIndex) + extension;
    }

    /**
     * Whether {@code key} is a file this layout writes for a chunk of a plan with {@code chunkCount} chunks
     * (null: any count) in {@link #fileFolder}: files of other folders, extensions or chunk indexes are not.
     */
    public boolean isPlannedFile(TableRef table, String key, Integer chunkCount) {
        String folder = fileFolder(table);
        if (!key.startsWith(folder)) {
            return false;
        }
        Matcher m = PART.matcher(key.substring(folder.length()));
        if (!m.matches() || !m.group(3).equals(extension)) {
            return false;
        }
        return chunkCount == null || m.group(1).length() <= 9 && Integer.parseInt(m.group(1)) < chunkCount;
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
