package io.dtaas.controlplane.notification;

import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a channel request; every problem names its field (422). Messages never echo the url or the secret. */
final class ChannelValidator {

    static final int MAX_NAME = 255;
    static final int MAX_URL = 2000;
    static final int MAX_SECRET = 1000;

    private ChannelValidator() {
    }

    /** A validated channel: its type, endpoint and rules (null: every kind). */
    record Valid(String name, ChannelType type, ChannelEndpoint endpoint, List<String> rules) {
    }

    static Valid validate(ChannelRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with name, type and config is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "is required, at most " + MAX_NAME + " characters"));
        }
        ChannelType type = ChannelType.fromWire(request.type()).orElse(null);
        if (type == null) {
            problems.add(new FieldProblem("type", "must be webhook or slack"));
        }
        Map<String, Object> config = request.config() == null ? Map.of() : request.config();
        String url = text(config.get("url"));
        if (!isWebUrl(url)) {
            problems.add(new FieldProblem("config.url", "is required: an http:// or https:// address with a host"));
        }
        String secret = text(config.get("secret"));
        if (secret != null && (secret.isEmpty() || secret.length() > MAX_SECRET)) {
            problems.add(new FieldProblem("config.secret", "must be 1 to " + MAX_SECRET + " characters when given"));
        }
        config.keySet().stream().filter(k -> !k.equals("url") && !k.equals("secret")).findFirst()
                .ifPresent(k -> problems.add(new FieldProblem("config", "accepts url and secret only")));
        List<String> rules = null;
        try {
            rules = rules(request.rules());
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return new Valid(name, type, new ChannelEndpoint(url, secret), rules);
    }

    /** The rules as stored: distinct known kinds, or null (every kind). */
    static List<String> rules(List<String> rules) {
        if (rules == null) {
            return null;
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String rule : rules) {
            if (NotificationKind.fromWire(rule).isEmpty()) {
                throw new ConfigError("rules", "each rule must be one of " + String.join(", ", NotificationKind.wireNames()));
            }
            kinds.add(rule);
        }
        return List.copyOf(kinds);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    static boolean isWebUrl(String url) {
        if (url == null || url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
