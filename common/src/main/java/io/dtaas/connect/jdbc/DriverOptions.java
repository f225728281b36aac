package io.dtaas.connect.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The driver options a connector pins, applied after everything else so nothing can override them: options that
 * load a class, read or write a local file, run several statements, reach a third party or send credentials
 * elsewhere are removed ({@code forbidden}, exact names or {@code prefix.*}), and the safe value of the others is
 * set ({@code pinned}). No user input ever names a driver option; this is the wall behind that rule.
 *
 * @param forbidden option names removed; an entry ending in {@code .*} removes every option under that prefix
 */
public record DriverOptions(Map<String, String> pinned, Set<String> forbidden) {

    public DriverOptions {
        pinned = Map.copyOf(pinned);
        forbidden = Set.copyOf(forbidden);
        for (String key : pinned.keySet()) {
            if (isForbidden(forbidden, key)) {
                throw new IllegalArgumentException(key + " is both pinned and forbidden");
            }
        }
    }

    /** Applies the pins to {@code properties} in place and returns it. */
    public Properties applyTo(Properties properties) {
        for (String key : List.copyOf(properties.stringPropertyNames())) {
            if (isForbidden(forbidden, key)) {
                properties.remove(key);
            }
        }
        pinned.forEach(properties::setProperty);
        return properties;
    }

    /** Driver options are matched without regard to case, as the drivers themselves mostly do. */
    private static boolean isForbidden(Set<String> forbidden, String key) {
        for (String f : forbidden) {
            boolean prefix = f.endsWith(".*");
            String stem = prefix ? f.substring(0, f.length() - 1) : f;
            if (prefix ? key.regionMatches(true, 0, stem, 0, stem.length()) : key.equalsIgnoreCase(f)) {
                return true;
            }
        }
        return false;
    }
}
