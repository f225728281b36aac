package io.dtaas.controlplane.notification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * POSTs a notification body to a channel's url, signed with {@code X-DTaaS-Signature: sha256=<hex HMAC-SHA256 of
 * the body>} when the channel has a secret. Redirects are not followed (a url's token must not travel elsewhere).
 */
final class SignedPost {

    static final String SIGNATURE_HEADER = "X-DTaaS-Signature";

    private final HttpClient client;
    private final Duration timeout;

    SignedPost(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return the HTTP status answered */
    int send(ChannelEndpoint endpoint, long deliveryId, String kind, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "DTaaS-notifications")
                .header("X-DTaaS-Delivery", Long.toString(deliveryId))
                .header("X-DTaaS-Event", kind)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (endpoint.signed()) {
            request.header(SIGNATURE_HEADER, "sha256=" + hmac(endpoint.secret(), body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
