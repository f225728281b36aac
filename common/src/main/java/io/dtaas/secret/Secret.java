package io.dtaas.secret;

import java.util.Objects;

/**
 * A credential in memory. {@link #toString()} never shows it, so a Secret that slips into a log line or an
 * exception message stays hidden; only the code that hands it to a driver calls {@link #reveal()}.
 */
public final class Secret {

    /** How every response shows a stored secret; sent back on an update it means "keep the stored one". */
    public static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "[hidden]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
