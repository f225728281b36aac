package io.dtaas.controlplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.net.URI;
import java.util.List;

/** A test client of {@code /ws}: every message it receives, parsed, added to a list. */
public final class LiveFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveFeed() {
    }

    /** @param path {@code /ws} with its query, e.g. {@code /ws?task_id=3} */
    public static WebSocketClientConnection connect(URI base, String path, List<JsonNode> sink) {
        return BasicWebSocketConnector.create().baseUri(base)
                .path(path)
                .onTextMessage((c, text) -> {
                    try {
                        sink.add(JSON.readTree(text));
                    } catch (Exception e) {
                        throw new IllegalStateException("not JSON: " + text, e);
                    }
                })
                .connectAndAwait();
    }
}
