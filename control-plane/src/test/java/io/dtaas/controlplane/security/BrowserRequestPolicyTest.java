package io.dtaas.controlplane.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserRequestPolicyTest {

    private static final BrowserRequestPolicy LOOPBACK = BrowserRequestPolicy.of("127.0.0.1", List.of(), List.of());

    private static BrowserRequestPolicy.Request post(String host, String origin, String site, String type, boolean body) {
        return new BrowserRequestPolicy.Request("POST", host, origin, site, type, body, false);
    }

    @Test
    void loopbackAnswersOnlyToItsOwnNames() {
        for (String host : new String[]{"localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST", "127.0.0.1"}) {
            assertThat(LOOPBACK.check(new BrowserRequestPolicy.Request("GET", host, null, null, null, false, false))).as(host).isEmpty();
        }
        for (String host : new String[]{"evil.example:8000", "127.0.0.1.nip.io", "localhost.", "", "localhost@evil", "0.0.0.0"}) {
            assertThat(LOOPBACK.check(new BrowserRequestPolicy.Request("GET", host, null, null, null, false, false)))
                    .as(host).get().extracting(BrowserRequestPolicy.Refusal::status).isEqualTo(403);
        }
        assertThat(LOOPBACK.check(new BrowserRequestPolicy.Request("GET", null, null, null, null, false, false))).isPresent();
        BrowserRequestPolicy proxied = BrowserRequestPolicy.of("127.0.0.1", List.of("dtaas.internal"), List.of());
        assertThat(proxied.check(new BrowserRequestPolicy.Request("GET", "dtaas.internal", null, null, null, false, false))).isEmpty();
    }

    @Test
    void anAddressReachableByOthersChecksHostsOnlyWhenNamesAreConfigured() {
        BrowserRequestPolicy open = BrowserRequestPolicy.of("0.0.0.0", List.of(), List.of());
        assertThat(open.check(new BrowserRequestPolicy.Request("GET", "anything:1", null, null, null, false, false))).isEmpty();
        BrowserRequestPolicy named = BrowserRequestPolicy.of("0.0.0.0", List.of("dtaas.example.com"), List.of());
        assertThat(named.check(new BrowserRequestPolicy.Request("GET", "other.example.com", null, null, null, false, false))).isPresent();
    }

    @Test
    void crossSiteWritesAreRefused() {
        assertThat(LOOPBACK.check(post("localhost:8000", "http://evil.example", null, "application/x-www-form-urlencoded", true)))
                .get().extracting(BrowserRequestPolicy.Refusal::status).isEqualTo(403);
        assertThat(LOOPBACK.check(post("localhost:8000", null, "cross-site", null, false))).isPresent();
        assertThat(LOOPBACK.check(post("localhost:8000", null, "same-site", null, false))).isPresent();
        assertThat(LOOPBACK.check(post("localhost:8000", "null", null, "application/json", true))).isPresent();
        assertThat(LOOPBACK.check(post("localhost:8000", "http://localhost:3000", null, "application/json", true))).isPresent();
        assertThat(LOOPBACK.check(post("localhost:8000", "http://localhost:8000", "same-origin", "application/json", true))).isEmpty();
        assertThat(LOOPBACK.check(post("localhost:8000", null, "none", null, false))).isEmpty();
        BrowserRequestPolicy allowed = BrowserRequestPolicy.of("127.0.0.1", List.of(), List.of("https://ops.example.com"));
        assertThat(allowed.check(post("localhost:8000", "https://ops.example.com", "cross-site", "application/json", true))).isPresent();
        assertThat(allowed.check(post("localhost:8000", "https://ops.example.com", null, "application/json", true))).isEmpty();
    }

    @Test
    void bodiesMustBeJson() {
        for (String type : new String[]{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null}) {
            assertThat(LOOPBACK.check(post("localhost:8000", null, null, type, true))).as(String.valueOf(type))
                    .get().extracting(BrowserRequestPolicy.Refusal::status).isEqualTo(415);
        }
        assertThat(LOOPBACK.check(post("localhost:8000", null, null, "application/json; charset=utf-8", true))).isEmpty();
        assertThat(LOOPBACK.check(post("localhost:8000", null, null, "application/merge-patch+json", true))).isEmpty();
        assertThat(LOOPBACK.check(post("localhost:8000", null, null, null, false))).isEmpty();
    }

    @Test
    void webSocketUpgradesFromOtherOriginsAreRefused() {
        var foreign = new BrowserRequestPolicy.Request("GET", "localhost:8000", "http://evil.example", null, null, false, true);
        var own = new BrowserRequestPolicy.Request("GET", "localhost:8000", "http://localhost:8000", null, null, false, true);
        assertThat(LOOPBACK.check(foreign)).isPresent();
        assertThat(LOOPBACK.check(own)).isEmpty();
    }
}
