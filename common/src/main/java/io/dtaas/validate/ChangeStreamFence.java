package io.dtaas.validate;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.StreamOffset;
import io.dtaas.engine.RunControl;
import io.dtaas.error.DtaasException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link StreamFence} on the source's own positions ({@link ChangeCapture#currentPosition},
 * {@link ChangeCapture#appliedUpTo}): reads the current position, then polls until the stream has applied it.
 * PostgreSQL's stream confirms its slot position after each batch is written to the target; a MariaDB/MySQL stream's
 * committed offset (binlog file/position, GTIDs) is read from the task's offset store, where the engine commits it
 * only after the batch is applied. Heartbeats keep both moving while the watched tables are quiet, so a reached
 * position means the target has those changes.
 */
public final class ChangeStreamFence implements StreamFence {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ChangeCapture capture;
    private final ConfigValues source;
    private final String streamId;
    private final Supplier<List<StreamOffset>> committed;
    private final Duration wait;
    /** Once the stream could not be confirmed, later waits of the same run do not wait again. */
    private boolean gaveUp;
    private String unconfirmed = "the change stream's applied position could not be confirmed";

    /** @param committed reads the stream's committed offsets from its store (sources that keep their position there) */
    public ChangeStreamFence(ChangeCapture capture, ConfigValues source, String streamId,
                             Supplier<List<StreamOffset>> committed, Duration wait) {
        this.capture = capture;
        this.source = source;
        this.streamId = streamId;
        this.committed = committed;
        this.wait = wait;
    }

    @Override
    public boolean await(RunControl control) {
        if (gaveUp) {
            return false;
        }
        gaveUp = !caughtUp(control);
        return !gaveUp;
    }

    @Override
    public String unconfirmed() {
        return unconfirmed;
    }

    private boolean caughtUp(RunControl control) {
        Optional<String> position;
        try {
            position = capture.currentPosition(source);
        } catch (DtaasException e) {
            return failed("the source's current position could not be read (" + e.getMessage() + ")");
        }
        if (position.isEmpty()) {
            return failed("this source cannot tell its current position");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<Boolean> applied = Optional.empty();
        String error = null;
        while (!control.stopRequested()) {
            try {
                applied = capture.appliedUpTo(source, streamId, position.get(), committed);
                error = null;
            } catch (DtaasException e) {
                applied = Optional.empty(); // a store rewritten while read, a source briefly away: asked again
                error = e.getMessage();
            }
            if (applied.orElse(false)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return failed(error != null ? "the change stream's applied position could not be read: " + error
                        : applied.isEmpty()
                        ? "the change stream's applied position is unknown (is the task running, has it streamed yet?)"
                        : "the change stream did not reach the source's position " + position.get() + " within "
                                + wait.toSeconds() + " s (is the task running?)");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return failed("validation was stopped while waiting for the change stream");
    }

    private boolean failed(String why) {
        unconfirmed = why;
        return false;
    }
}
