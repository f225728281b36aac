package io.dtaas.validate;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.engine.RunControl;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link StreamFence} on the source's own positions ({@link ChangeCapture#currentPosition},
 * {@link ChangeCapture#appliedUpTo}): reads the current position, then polls until the stream has confirmed it.
 * PostgreSQL's stream confirms its slot position after each batch is written to the target (heartbeats keep it
 * moving while the watched tables are quiet), so a confirmed position means the target has those changes.
 */
public final class ChangeStreamFence implements StreamFence {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ChangeCapture capture;
    private final ConfigValues source;
    private final String streamId;
    private final Duration wait;
    /** Once the stream could not be confirmed, later waits of the same run do not wait again. */
    private boolean gaveUp;

    public ChangeStreamFence(ChangeCapture capture, ConfigValues source, String streamId, Duration wait) {
        this.capture = capture;
        this.source = source;
        this.streamId = streamId;
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

    private boolean caughtUp(RunControl control) {
        Optional<String> position = capture.currentPosition(source);
        if (position.isEmpty()) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!control.stopRequested()) {
            Optional<Boolean> applied = capture.appliedUpTo(source, streamId, position.get());
            if (applied.isEmpty()) {
                return false;
            }
            if (applied.get()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
