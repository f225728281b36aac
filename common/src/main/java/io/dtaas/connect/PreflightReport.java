package io.dtaas.connect;

import io.dtaas.error.ConfigError;

import java.util.List;

/**
 * What a source's change-capture pre-flight found: problems stop the execution before the stream starts (each
 * names the setting and the fix); notes are reported, not enforced (e.g. whether GTIDs are on).
 */
public record PreflightReport(List<String> problems, List<String> notes) {

    public PreflightReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** @throws ConfigError on {@code source_connector_id} listing every problem, when there is one */
    public void requireOk(String sourceName) {
        if (!ok()) {
            throw new ConfigError("source_connector_id", sourceName + " is not ready for change data capture: "
                    + String.join("; ", problems));
        }
    }
}
