package io.dtaas.controlplane.alert;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that records every POST it receives and answers scripted statuses per path (default 200). */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, String signature, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                Deque<Integer> statuses = scripted.get(path);
                Integer next = statuses == null ? null : statuses.poll();
                int status = next == null ? 200 : next;
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-DTaaS-Signature"), body, status));
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The next requests to {@code path} are answered with these statuses, then 200. */
    void answer(String path, Integer... statuses) {
        scripted.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received(String path, String contains) {
        return received.stream().filter(r -> r.path().equals(path) && r.body().contains(contains)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
