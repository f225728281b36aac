package io.dtaas.controlplane.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The explicit allow-list of what anyone may fetch without the API token: health probes, the dashboard's own files
 * (listed at build time in {@value #UI_FILES}), its page URLs, and the API's documentation. Everything else is
 * protected (deny by default).
 *
 * <p>Only a canonical raw path can be public: unreserved characters in segments that don't start with a dot, no
 * empty segments, no percent-encoding, no {@code ;} path parameters. Such a path means the same thing to every layer
 * (filter, router, static handler), so no spelling of a protected resource can pass as a public one.
 */
public final class PublicResources {

    /** Written by the UI build (ui/vite.config.ts): one served file per line, e.g. {@code /assets/index-3f2a.js}. */
    static final String UI_FILES = "META-INF/dtaas-ui-files.txt";

    private static final Pattern CANONICAL = Pattern.compile("/|(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+/?");
    private static final Set<String> HEALTH = Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
            "/q/health/well");
    /** The dashboard's page URLs (ui/src/router.ts), served the index page by SpaFallback. */
    private static final Pattern PAGES = Pattern.compile(
            "/|/(connectors|tasks|variables|browser)|/connectors/new|/connectors/\\d+/edit|/tasks/new|/tasks/\\d+(/edit)?"
                    + "|/browser/\\d+");
    /** The API reference: the OpenAPI document and Swagger UI's static files. They describe, they never act. */
    private static final Pattern DOCS = Pattern.compile("/openapi\\.json|/docs/?|/docs/[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final Set<String> uiFiles;

    PublicResources(Set<String> uiFiles) {
        this.uiFiles = Set.copyOf(uiFiles);
    }

    /** The allow-list of this build: the UI files it carries (none when built without the dashboard). */
    public static PublicResources ofThisBuild() {
        Set<String> files = new HashSet<>();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(UI_FILES)) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String file = line.strip();
                    if (CANONICAL.matcher(file).matches()) {
                        files.add(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UI_FILES, e);
        }
        return new PublicResources(files);
    }

    /**
     * @param method  the HTTP method
     * @param rawPath the request's path exactly as sent (not decoded, not normalised)
     */
    public boolean isPublic(String method, String rawPath) {
        if (!("GET".equals(method) || "HEAD".equals(method)) || rawPath == null || !CANONICAL.matcher(rawPath).matches()) {
            return false;
        }
        return HEALTH.contains(rawPath) || uiFiles.contains(rawPath) || PAGES.matcher(rawPath).matches()
                || DOCS.matcher(rawPath).matches();
    }
}
