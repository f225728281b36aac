package io.dtaas.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a process was launched with, as the seed documents them: environment variables, over a {@code .env}
 * file in the working directory (precedence: command-line flags, applied by the caller, then the environment, then
 * {@code .env}, then defaults). {@code .env} lines are {@code KEY=value}, optionally {@code export KEY=value}, with
 * {@code #} comments and single or double quotes around values.
 */
public final class LaunchEnvironment {

    public static final String FILE = ".env";

    private final Map<String, String> environment;
    private final Map<String, String> dotEnv;

    private LaunchEnvironment(Map<String, String> environment, Map<String, String> dotEnv) {
        this.environment = Map.copyOf(environment);
        this.dotEnv = Map.copyOf(dotEnv);
    }

    /** The process's environment over {@code workingDir/.env} (when there is one). */
    public static LaunchEnvironment load(Map<String, String> environment, Path workingDir) {
        Path file = workingDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new LaunchEnvironment(environment, Map.of());
        }
        try {
            return new LaunchEnvironment(environment, parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The value of {@code key}: the environment's when set there (even empty), else {@code .env}'s. */
    public Optional<String> get(String key) {
        if (environment.containsKey(key)) {
            return Optional.of(environment.get(key));
        }
        return Optional.ofNullable(dotEnv.get(key));
    }

    /** The value when set to something other than blanks. */
    public Optional<String> nonBlank(String key) {
        return get(key).filter(v -> !v.isBlank());
    }

    /** Whether {@code .env} supplied {@code key} (for start-up messages). */
    public boolean fromDotEnv(String key) {
        return !environment.containsKey(key) && dotEnv.containsKey(key);
    }

    /**
     * Makes {@code keys} visible to the framework's configuration (which reads {@code ${KEY}} expressions) with
     * this precedence, and sets the log level from {@code LOG_LEVEL}/{@code DEBUG} the seed's way.
     */
    public void exportToSystemProperties(String... keys) {
        for (String key : keys) {
            nonBlank(key).ifPresent(v -> System.setProperty(key, v));
        }
        LogLevels.apply(nonBlank("LOG_LEVEL").orElse(null), nonBlank("DEBUG").orElse(null)).forEach(System::setProperty);
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue; // not an assignment: ignored, as shells and other .env readers do
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            values.put(key, value(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String value(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int close = v.indexOf(v.charAt(0), 1);
            if (close > 0) {
                return v.substring(1, close);
            }
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }
}
