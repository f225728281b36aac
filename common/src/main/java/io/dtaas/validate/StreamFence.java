package io.dtaas.validate;

import io.dtaas.engine.RunControl;

/**
 * Validation's consistent point for a streaming task: waits until the task's change stream has applied everything
 * the source had committed when {@link #await} was called, so a row compared afterwards is not "different" merely
 * because its change was still in flight.
 */
public interface StreamFence {

    /** Not a streaming task: nothing to wait for. */
    StreamFence NONE = control -> true;

    /** True once the stream has caught up to the source's position at the call; false when it cannot be known, did not within the wait, or a stop was asked. */
    boolean await(RunControl control);

    /** Why the last {@link #await} answered false, for a report's reason (a sentence without a trailing period). */
    default String unconfirmed() {
        return "the change stream's applied position could not be confirmed";
    }
}
