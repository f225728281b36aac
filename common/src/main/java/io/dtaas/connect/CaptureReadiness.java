package io.dtaas.connect;

import io.dtaas.data.TableRef;

import java.util.List;

/**
 * Whether a source is ready for change data capture, asked when a task is saved (before any stream exists): the
 * connector's own pre-flight ({@link ChangeCapture#preflight}) for a stream not created yet.
 */
public final class CaptureReadiness {

    /** A stream id no task uses: the pre-flight then checks there is room for a new stream (a free slot). */
    static final String NEW_STREAM = "dtaas_preflight_new";

    private CaptureReadiness() {
    }

    /**
     * The problems found, each with the setting and its fix; empty when ready.
     *
     * @throws io.dtaas.error.TransientError when the source cannot be reached
     */
    public static List<String> problems(Connector connector, ConfigValues source, List<TableRef> tables) {
        return connector.changeCapture()
                .map(capture -> capture.preflight(source, NEW_STREAM, tables).problems())
                .orElse(List.of("change data capture from " + connector.type().id() + " sources is not supported"));
    }
}
