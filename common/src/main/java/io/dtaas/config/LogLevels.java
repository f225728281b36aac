package io.dtaas.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's {@code LOG_LEVEL} (DEBUG, INFO, WARNING, ERROR, CRITICAL; WARN and TRACE too) and {@code DEBUG=true},
 * as the Quarkus log settings they mean. An unknown level falls back to INFO with a warning instead of stopping
 * start-up.
 */
public final class LogLevels {

    private static final Map<String, String> LEVELS = Map.of("TRACE", "TRACE", "DEBUG", "DEBUG", "INFO", "INFO",
            "WARN", "WARN", "WARNING", "WARN", "ERROR", "ERROR", "CRITICAL", "FATAL", "FATAL", "FATAL");

    private LogLevels() {
    }

    /** System properties to set: {@code quarkus.log.level}, and DTaaS's own category at DEBUG when {@code debug}. */
    public static Map<String, String> apply(String logLevel, String debug) {
        Map<String, String> props = new LinkedHashMap<>();
        if (logLevel != null) {
            String level = LEVELS.get(logLevel.strip().toUpperCase(Locale.ROOT));
            if (level == null) {
                System.err.println("dtaas: LOG_LEVEL=" + logLevel + " is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL;"
                        + " using INFO");
                level = "INFO";
            }
            props.put("quarkus.log.level", level);
        }
        if (debug != null && Boolean.parseBoolean(debug.strip())) {
            props.put("quarkus.log.category.\"io.dtaas\".level", "DEBUG");
        }
        return props;
    }
}
