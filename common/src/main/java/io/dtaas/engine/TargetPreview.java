package io.dtaas.engine;

import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;

import java.util.List;

/**
 * Where a task's tables will land, worked out before it runs (the task builder shows it): the same selection
 * ({@link TableSelector}) and naming rule ({@link TargetTables}) a run uses. Split in a source half and a
 * destination half so each runs where its connector can be reached (one connector per gateway call).
 */
public final class TargetPreview {

    private TargetPreview() {
    }

    /**
     * The source's answer: its default namespace and the tables the selectors pick, qualified.
     *
     * @param defaultSchema null when the source has no namespaces
     */
    public record Selection(String defaultSchema, List<TableRef> tables) {
    }

    /**
     * One selected table and where it lands.
     *
     * @param location the qualified table, or the folder a file destination writes it into
     */
    public record Target(String source, String target, String location) {
    }

    /** @throws io.dtaas.error.ConfigError naming {@code config.tables[i]} when a pattern matches nothing */
    public static Selection select(Source source, List<String> include, List<String> exclude) {
        List<TableRef> tables = TableSelector.resolve(source, include, exclude);
        return new Selection(source.defaultSchema(), tables);
    }

    /** May open one connection to ask the destination for its default namespace. */
    public static List<Target> locate(Destination destination, String targetSchema, Selection selection) {
        TargetTables targets = TargetTables.of(targetSchema, selection.defaultSchema(), destination);
        return selection.tables().stream().map(source -> {
            TableRef target = targets.apply(source);
            return new Target(source.toString(), target.toString(), destination.location(target));
        }).toList();
    }
}
