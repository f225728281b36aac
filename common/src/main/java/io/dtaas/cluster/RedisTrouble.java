package io.dtaas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One Redis reader's trouble, for logs that say what happened once instead of every second: the first failure,
 * then a reminder at most every {@link #REMIND} with how many failures it spared, and one line when Redis
 * answers again. Also recognises the errors of a Redis that lost its consumer groups (restarted without
 * persistence), after which the reader recreates them.
 *
 * <p>Thread-safe; one instance per reading loop.
 */
public final class RedisTrouble {

    public static final Duration REMIND = Duration.ofMinutes(1);

    private final String what;
    private final Clock clock;
    private Instant since;
    private Instant lastLogged;
    private long spared;
    private String lastError;

    /** @param what what the reader does, for messages: "read jobs", "read worker reports" */
    public RedisTrouble(String what) {
        this(what, Clock.systemUTC());
    }

    RedisTrouble(String what, Clock clock) {
        this.what = what;
        this.clock = clock;
    }

    /** Whether {@code error} (or a cause) says a stream's consumer group, or the stream itself, is gone. */
    public static boolean groupMissing(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
            if (m.contains("NOGROUP")) {
                return true;
            }
        }
        return false;
    }

    /** A failure: the line to log now, or empty while an earlier line still stands for it. */
    public synchronized Optional<String> failed(Throwable error) {
        Instant now = clock.instant();
        lastError = String.valueOf(error.getMessage());
        if (since == null) {
            since = now;
            lastLogged = now;
            spared = 0;
            return Optional.of("cannot " + what + " from Redis (" + lastError + "); retrying every second");
        }
        if (Duration.between(lastLogged, now).compareTo(REMIND) >= 0) {
            String line = "still cannot " + what + " from Redis since " + since + " (" + lastError + "; " + spared
                    + " more failure(s) not logged)";
            lastLogged = now;
            spared = 0;
            return Optional.of(line);
        }
        spared++;
        return Optional.empty();
    }

    /** A success: the line to log if it ends a run of failures. */
    public synchronized Optional<String> ok() {
        if (since == null) {
            return Optional.empty();
        }
        String line = "Redis answers again: " + what + " works after failing since " + since;
        since = null;
        lastError = null;
        return Optional.of(line);
    }

    /** Since when the reader fails, and why; empty while it works. */
    public synchronized Optional<String> current() {
        return since == null ? Optional.empty() : Optional.of("cannot " + what + " since " + since + ": " + lastError);
    }
}
