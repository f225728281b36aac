package io.dtaas.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send a request line exactly as an attacker would spell it (matrix
 * parameters, percent-encodings, dot segments, any Host header): HTTP client libraries normalise such things away.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** What came back: status, headers (lower-case names) and body text. */
    public record Reply(int status, Map<String, String> headers, String body) {
    }

    /**
     * @param target  the request target exactly as it goes on the wire
     * @param headers header lines to send (Host is added when absent; pass "Host" with null to send none)
     * @param body    a body to send, or null
     */
    public static Reply send(int port, String method, String target, Map<String, String> headers, String body)
            throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            StringBuilder req = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + port);
            all.putAll(headers);
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                all.put("Content-Length", Integer.toString(payload.length));
            }
            all.put("Connection", "close");
            all.forEach((k, v) -> {
                if (v != null) {
                    req.append(k).append(": ").append(v).append("\r\n");
                }
            });
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    public static Reply get(int port, String target) throws IOException {
        return send(port, "GET", target, Map.of(), null);
    }

    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IOException("no HTTP response: '" + text + "'");
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new Reply(status, headers, text.substring(headerEnd + 4));
    }
}
