package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;
import io.dtaas.error.TransientError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What DTaaS published in a table's folder, kept in the folder as one empty marker object per entry under
 * {@value #FOLDER}:
 * <pre>
 *   runs/{seq:010d}-{run}                  a run that wrote chunks here, numbered in the order runs started
 *                                          writing (a resumed run continues the latest; clocks play no part)
 *   parts/{run}/{chunk:05d}/{file}         a chunk's file ({file}: its key relative to the table folder)
 *   changes/{file}                         a change file of change data capture
 * </pre>
 * A file's marker is written before the file is published and removed after the file is deleted, so every
 * file DTaaS published is listed (a marker whose file is gone is harmless). Deleting goes through here only:
 * OVERWRITE and a chunk's clean-up delete listed files whose names are DTaaS's own, never foreign files (or
 * folders) that share the table's folder. Readers skip the folder like any hidden one (Spark, Hive and Athena
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

    /** Lists files (part or change files of the table) before they are published. */
    void add(TableRef table, Collection<String> files) {
        for (String file : files) {
            mark(marker(table, file));
        }
    }

    /** The files of one chunk of a run, in any load-date folder. */
    List<String> chunkFiles(TableRef table, String run, int chunk) {
        String chunkFolder = folder(table) + PARTS + run + "/" + "%05d/".formatted(chunk);
        List<String> files = new ArrayList<>();
        for (String marker : sink.list(chunkFolder)) {
            file(table, marker).ifPresent(files::add);
        }
        return files;
    }

    /** Deletes listed files (those that are still regular files), then their markers. */
    void remove(TableRef table, Collection<String> files) {
        if (files.isEmpty()) {
            return;
        }
        sink.delete(files);
        sink.delete(files.stream().map(f -> marker(table, f)).toList());
    }

    /** For OVERWRITE: deletes every listed file and run but those of {@code run}. */
    void removeAllBut(TableRef table, String run) {
        String folder = folder(table);
        List<String> files = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        for (String marker : sink.list(folder)) {
            String entry = marker.substring(folder.length());
            if (entry.startsWith(RUNS) && !entry.endsWith("-" + run)) {
                markers.add(marker);
            } else if (entry.startsWith(CHANGES) || entry.startsWith(PARTS) && !entry.startsWith(PARTS + run + "/")) {
                Optional<String> file = file(table, marker);
                if (file.isPresent()) {
                    files.add(file.get());
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

    /** The marker of a file of the table; the file must be named as DTaaS names them. */
    private String marker(TableRef table, String file) {
        String tableFolder = keys.tableFolder(table);
        if (!file.startsWith(tableFolder)) {
            throw new IllegalArgumentException(file + " is not in " + tableFolder);
        }
        String relative = file.substring(tableFolder.length());
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        Optional<ObjectKeys.Part> part = ObjectKeys.part(name);
        if (part.isPresent()) {
            return folder(table) + PARTS + part.get().run() + "/" + "%05d/".formatted(part.get().chunk()) + relative;
        }
        if (ObjectKeys.isChangeFile(name)) {
            return folder(table) + CHANGES + relative;
        }
        throw new IllegalArgumentException(name + " is not a name DTaaS writes");
    }

    /**
     * The file a marker lists, when it is a file DTaaS names and in the place its name says: a planted marker
     * can never point at another file or outside the table's folder.
     */
    private Optional<String> file(TableRef table, String marker) {
        String tableFolder = keys.tableFolder(table);
        String entry = marker.substring(folder(table).length());
        String relative;
        if (entry.startsWith(PARTS)) {
            String[] runAndChunk = entry.substring(PARTS.length()).split("/", 3);
            if (runAndChunk.length < 3) {
                return Optional.empty();
            }
            relative = runAndChunk[2];
        } else if (entry.startsWith(CHANGES)) {
            relative = entry.substring(CHANGES.length());
        } else {
            return Optional.empty();
        }
        if (!relative.matches("(load_date=\\d{4}-\\d{2}-\\d{2}/)?[^/]+")) {
            return Optional.empty();
        }
        String file = tableFolder + relative;
        try {
            return marker(table, file).equals(marker) ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
