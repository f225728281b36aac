package io.dtaas.controlplane.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * History-mode fallback for the dashboard (a single-page app): a GET for a page URL such as {@code /tasks/3}
 * gets {@code index.html}, and the app's router shows the page. It runs before the REST layer (which would
 * answer such paths with a 404 problem), so it claims only page paths: API, health, WebSocket and
 * documentation prefixes and anything that looks like a file (the bundle's assets) pass through untouched.
 */
@ApplicationScoped
public class SpaFallback {

    private static final String INDEX = "META-INF/resources/index.html";
    /** Before the REST layer's catch-all route; page paths never name a JAX-RS resource (all live under /api). */
    private static final int ORDER = -100;
    private static final List<String> RESERVED = List.of("/api", "/q", "/ws", "/docs", "/openapi", "/assets");

    void register(@Observes Router router) {
        Buffer index = loadIndex();
        if (index == null) {
            return; // built with -Dui.skip=true: no dashboard, so nothing to fall back to
        }
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).order(ORDER)
                .handler(rc -> serve(rc, index));
    }

    private static void serve(RoutingContext rc, Buffer index) {
        if (!isPagePath(rc.normalizedPath())) {
            rc.next();
            return;
        }
        rc.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache");
        if (rc.request().method() == HttpMethod.HEAD) {
            rc.response().putHeader("Content-Length", String.valueOf(index.length())).end();
        } else {
            rc.response().end(index);
        }
    }

    /** True for the dashboard's page URLs: not a reserved prefix, and the last segment has no file extension. */
    static boolean isPagePath(String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        for (String prefix : RESERVED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".")) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    private static Buffer loadIndex() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + INDEX, e);
        }
    }
}
