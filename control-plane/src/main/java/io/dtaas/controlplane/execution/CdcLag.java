package io.dtaas.controlplane.execution;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running stream's lag as of the moment it is read: the stored lag plus the time since it was measured. A
 * stream whose engine stopped reporting (a stalled worker, a lost progress path) then shows a growing lag, not
 * the frozen last value.
 */
final class CdcLag {

    static final String MEASURED_AT = "measured_at";

    private CdcLag() {
    }

    static Map<String, Object> now(Map<String, Object> stored, String status, Instant now) {
        if (stored == null || !"running".equals(status) || !(stored.get("lag_seconds") instanceof Number lag)
                || !(stored.get(MEASURED_AT) instanceof String measured)) {
            return stored;
        }
        try {
            long since = Math.max(0, Duration.between(Instant.parse(measured), now).toMillis());
            Map<String, Object> current = new LinkedHashMap<>(stored);
            current.put("lag_seconds", lag.doubleValue() + since / 1000.0);
            return current;
        } catch (DateTimeParseException e) {
            return stored;
        }
    }
}
