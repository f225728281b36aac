package io.dtaas.engine;

import io.dtaas.job.ProgressEvent;

/** Receives progress snapshots; called from engine threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressSink {

    void publish(ProgressEvent event);
}
