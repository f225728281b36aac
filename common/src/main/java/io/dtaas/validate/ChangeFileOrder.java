package io.dtaas.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a file target's rows are folded: the files of the load's latest run first (its rows are the
 * state the stream started from; their order does not matter, keys are unique there), then the change files in the
 * order they were written. A change file is named after its batch's first change
 * ({@code changes-<source time, ms>-<hash of its position>}, see {@code FileChangeSink}) and a batch starts after the
 * previous one ended, so the names' times order the batches; folders ({@code load_date=}, partitions) do not.
 */
final class ChangeFileOrder {

    private ChangeFileOrder() {
    }

    static List<String> after(List<String> loadFiles, List<String> changeFiles) {
        List<String> ordered = new ArrayList<>(loadFiles);
        changeFiles.stream().sorted(Comparator.comparing(ChangeFileOrder::name).thenComparing(Comparator.naturalOrder()))
                .forEach(ordered::add);
        return ordered;
    }

    private static String name(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
