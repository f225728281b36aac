package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;
import io.dtaas.error.TransientError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What DTaaS published in a table's folder, kept in the folder as one empty marker object per entry under
 * {@value #FOLDER}:
 * <pre>
 *   runs/{seq:010d}-{run}                  a run that wrote chunks here, numbered in the order runs started
 *                                          writing (a resumed run continues the latest; clocks play no part)
 *   parts/{run}/{chunk:05d}/{file}         a chunk's file ({file}: its key relative to the table folder, with
 *                                          its load-date and value folders)
 *   changes/{file}                         a change file of change data capture
 * </pre>
 * A file's marker is written before the file is published and removed after the file is deleted, so every
 * file DTaaS published is listed (a marker whose file is gone is harmless). Deleting goes through here only:
 * OVERWRITE and a chunk's clean-up delete listed files whose names are DTaaS's own (a data file's extension, a
 * change file's name), never foreign files (or folders) that share the table's folder. The run and chunk of a
 * file come from its marker's place, not its name, since file names follow the user's template. Readers skip the folder like any hidden one (Spark, Hive and Athena
 * ignore paths starting with a dot).
 *
 * <p>Thread-safe as far as the sink is: markers are separate objects, so concurrent chunks never rewrite a
 * shared manifest.
 */
final class Manifest {

    static final String FOLDER = ".dtaas-manifest/";
    private static final String RUNS = "runs/";
    private static final String PARTS = "parts/";
    private static final String CHANGES = "changes/";
    /** Where DTaaS puts files under a table's folder: a load-date folder, then value folders ({@code col=value}). */
    private static final Pattern FOLDERS = Pattern.compile("(load_date=\\d{4}-\\d{2}-\\d{2}/)?([^/.=][^/=]*=[^/]+/)*[^/]+");

    private final ObjectSink sink;
    private final ObjectKeys keys;

    Manifest(ObjectSink sink, ObjectKeys keys) {
        this.sink = sink;
        this.keys = keys;
    }

    /** Lists a run before it writes its first chunk: numbered after every run listed so far, unless listed already. */
    void addRun(TableRef table, String run) {
        List<RunEntry> runs = runs(table);
        if (runs.stream().noneMatch(r -> r.run().equals(run))) {
            long next = runs.stream().mapToLong(RunEntry::seq).max().orElse(0) + 1;
            mark(folder(table) + RUNS + "%010d-".formatted(next) + run);
        }
    }

    /** The run that started writing here last, if any. */
    Optional<String> latestRun(TableRef table) {
        return runs(table).stream().max(java.util.Comparator.comparingLong(RunEntry::seq)).map(RunEntry::run);
    }

    private record RunEntry(long seq, String run) {
    }

    private List<RunEntry> runs(TableRef table) {
        String runs = folder(table) + RUNS;
        List<RunEntry> entries = new ArrayList<>();
        for (String key : sink.list(runs)) {
            String entry = key.substring(runs.length());
            int dash = entry.indexOf('-');
            if (dash == 10 && entry.substring(0, dash).chars().allMatch(Character::isDigit)
                    && ObjectKeys.isRun(entry.substring(dash + 1))) {
                entries.add(new RunEntry(Long.parseLong(entry.substring(0, dash)), entry.substring(dash + 1)));
            }
        }
        return entries;
    }

    /** Lists a chunk's files before they are published. */
    void addParts(TableRef table, String run, int chunk, Collection<String> files) {
        for (String file : files) {
            mark(partMarker(table, run, chunk, file));
        }
    }

    /** Lists change files before they are published. */
    void addChanges(TableRef table, Collection<String> files) {
        for (String file : files) {
            mark(changeMarker(table, file));
        }
    }

    /** The files of one chunk of a run, in any load-date or value folder. */
    List<String> chunkFiles(TableRef table, String run, int chunk) {
        List<String> files = new ArrayList<>();
        for (String marker : sink.list(chunkFolder(table, run, chunk))) {
            file(table, marker).ifPresent(files::add);
        }
        return files;
    }

    /** Every file a run published in the table's folder (all its chunks), as listed. */
    List<String> runFiles(TableRef table, String run) {
        List<String> files = new ArrayList<>();
        for (String marker : sink.list(folder(table) + PARTS + run + "/")) {
            file(table, marker).ifPresent(files::add);
        }
        return files;
    }

    /** The change files of change data capture listed in the table's folder. */
    List<String> changeFiles(TableRef table) {
        List<String> files = new ArrayList<>();
        for (String marker : sink.list(folder(table) + CHANGES)) {
            file(table, marker).ifPresent(files::add);
        }
        return files;
    }

    /** Deletes listed files of a chunk (those that are still regular files), then their markers. */
    void removeParts(TableRef table, String run, int chunk, Collection<String> files) {
        if (files.isEmpty()) {
            return;
        }
        sink.delete(files);
        sink.delete(files.stream().map(f -> partMarker(table, run, chunk, f)).toList());
    }

    /**
     * Deletes the listed files of {@code run}'s chunks numbered {@code count} or more, then their markers: what an
     * earlier attempt of a larger plan left in a run that a smaller plan continued (a resumed heap-page plan, which
     * redoes every chunk of its own).
     */
    void removeChunksFrom(TableRef table, String run, int count) {
        String runFolder = folder(table) + PARTS + run + "/";
        List<String> files = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        for (String marker : sink.list(runFolder)) {
            String chunk = marker.substring(runFolder.length()).split("/", 2)[0];
            if (chunk.matches("\\d{5,9}") && Integer.parseInt(chunk) >= count) {
                Optional<String> file = file(table, marker);
                if (file.isPresent()) {
                    files.add(file.get());
                    markers.add(marker);
                }
            }
        }
        if (!markers.isEmpty()) {
            sink.delete(files);
            sink.delete(markers);
        }
    }

    /**
     * For OVERWRITE: deletes every listed file and run but those of {@code run}. A file {@code run} wrote again
     * under the same name (a file name template without {@code {run}}) is {@code run}'s now and stays.
     */
    void removeAllBut(TableRef table, String run) {
        String folder = folder(table);
        Set<String> kept = new HashSet<>();
        for (String marker : sink.list(folder + PARTS + run + "/")) {
            file(table, marker).ifPresent(kept::add);
        }
        List<String> files = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        for (String marker : sink.list(folder)) {
            String entry = marker.substring(folder.length());
            if (entry.startsWith(RUNS) && !entry.endsWith("-" + run)) {
                markers.add(marker);
            } else if (entry.startsWith(CHANGES) || entry.startsWith(PARTS) && !entry.startsWith(PARTS + run + "/")) {
                Optional<String> file = file(table, marker);
                if (file.isPresent()) {
                    if (!kept.contains(file.get())) {
                        files.add(file.get());
                    }
                    markers.add(marker);
                }
            }
        }
        sink.delete(files);
        sink.delete(markers);
    }

    private String folder(TableRef table) {
        return keys.tableFolder(table) + FOLDER;
    }

    private String chunkFolder(TableRef table, String run, int chunk) {
        return folder(table) + PARTS + run + "/" + "%05d/".formatted(chunk);
    }

    private String partMarker(TableRef table, String run, int chunk, String file) {
        String relative = relative(table, file);
        if (!ObjectKeys.isDataFile(name(relative))) {
            throw new IllegalArgumentException(file + " is not a name DTaaS writes");
        }
        return chunkFolder(table, run, chunk) + relative;
    }

    private String changeMarker(TableRef table, String file) {
        String relative = relative(table, file);
        if (!ObjectKeys.isChangeFile(name(relative))) {
            throw new IllegalArgumentException(file + " is not a name DTaaS writes");
        }
        return folder(table) + CHANGES + relative;
    }

    private String relative(TableRef table, String file) {
        String tableFolder = keys.tableFolder(table);
        if (!file.startsWith(tableFolder)) {
            throw new IllegalArgumentException(file + " is not in " + tableFolder);
        }
        return file.substring(tableFolder.length());
    }

    private static String name(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    /**
     * The file a marker lists, when it is in a folder DTaaS writes (the table's, a load-date folder, value folders)
     * and its name is one DTaaS writes (a change file; a data file with one of DTaaS's extensions, not hidden): a
     * planted marker can never point outside the table's folder, at a folder, or at a foreign {@code _SUCCESS}.
     */
    private Optional<String> file(TableRef table, String marker) {
        String entry = marker.substring(folder(table).length());
        String relative;
        boolean change;
        if (entry.startsWith(PARTS)) {
            String[] runAndChunk = entry.substring(PARTS.length()).split("/", 3);
            if (runAndChunk.length < 3 || !ObjectKeys.isRun(runAndChunk[0]) || !runAndChunk[1].matches("\\d{5,9}")) {
                return Optional.empty();
            }
            relative = runAndChunk[2];
            change = false;
        } else if (entry.startsWith(CHANGES)) {
            relative = entry.substring(CHANGES.length());
            change = true;
        } else {
            return Optional.empty();
        }
        if (!FOLDERS.matcher(relative).matches()) {
            return Optional.empty();
        }
        String name = name(relative);
        boolean named = change ? ObjectKeys.isChangeFile(name) : ObjectKeys.isDataFile(name);
        return named ? Optional.of(keys.tableFolder(table) + relative) : Optional.empty();
    }

    private void mark(String key) {
        try (StagedObject object = sink.create(key)) {
            object.output().close();
            object.publish();
        } catch (IOException e) {
            throw new TransientError("cannot write " + sink.describe(key) + ": " + e, e);
        }
    }
}
