package io.dtaas.controlplane.openapi;

import io.dtaas.controlplane.security.Problems;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Serves {@code /openapi.json} as the document Quarkus stored at build time (complete: {@link ApiDocumentFilter} runs
 * at build), read at the first request. Quarkus' own endpoint parses that stored document and writes it again as
 * JSON and YAML at every start, the largest single step of a start (0.4–0.8 s on 2 busy cores); the launcher hides
 * the stored document from it ({@link #hideFromQuarkus}), so that step finds nothing to do. The bytes are equal as
 * data to what Quarkus served (its writer orders some keys differently). The access filter runs before this route
 * as before every route; Quarkus' route after it is only reached where no stored document exists.
 */
@ApplicationScoped
public class StoredApiDocument {

    static final String PATH = "/openapi.json";
    /** Where Quarkus stores the default document's JSON at build time ({@code OpenApiConstants.BASE_NAME + ".JSON"}). */
    static final String RESOURCE = "META-INF/quarkus-generated-openapi-doc.JSON";
    /** After the filters (order -priority), before Quarkus' route (registered without an order). */
    private static final int ORDER = -10;

    private volatile Document document;

    private record Document(Buffer bytes, String etag) {
    }

    void register(@Observes Router router) {
        router.route(PATH).order(ORDER).handler(this::serve);
    }

    /**
     * For the launcher, before Quarkus starts: Quarkus' document service looks for the stored document through
     * {@link OpenApiConstants#classLoader} when set, and without one keeps an empty document instead of parsing it.
     */
    public static void hideFromQuarkus() {
        ClassLoader application = StoredApiDocument.class.getClassLoader();
        OpenApiConstants.classLoader = new ClassLoader(application) {
            @Override
            public URL getResource(String name) {
                return RESOURCE.equals(name) ? null : super.getResource(name);
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                return RESOURCE.equals(name) ? null : super.getResourceAsStream(name);
            }
        };
    }

    private void serve(RoutingContext rc) {
        Document doc = document();
        if (doc == null) {
            rc.next(); // no stored document (a build without it): Quarkus' route answers
            return;
        }
        HttpMethod method = rc.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            rc.response().setStatusCode(405).putHeader("Allow", "GET, HEAD")
                    .putHeader("Content-Type", "application/problem+json")
                    .end(Problems.json(405, "Method Not Allowed", "the API document is read with GET"));
            return;
        }
        rc.response().putHeader("Content-Type", "application/json;charset=UTF-8").putHeader("ETag", doc.etag())
                .putHeader("Cache-Control", "no-cache");
        if (doc.etag().equals(rc.request().getHeader("If-None-Match"))) {
            rc.response().setStatusCode(304).end();
        } else if (method == HttpMethod.HEAD) {
            rc.response().putHeader("Content-Length", String.valueOf(doc.bytes().length())).end();
        } else {
            rc.response().end(doc.bytes());
        }
    }

    private Document document() {
        Document doc = document;
        if (doc == null) {
            byte[] bytes = stored();
            if (bytes == null) {
                return null;
            }
            doc = new Document(Buffer.buffer(bytes), etag(bytes));
            document = doc;
        }
        return doc;
    }

    /** The stored document's bytes, read through the application's own loader (never the hiding one), or null. */
    static byte[] stored() {
        try (InputStream in = StoredApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
