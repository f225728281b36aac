package io.dtaas.controlplane.metadata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the precision PostgreSQL stores (microseconds), so a fresh answer equals a later read. */
public final class StoredTime {

    private StoredTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
