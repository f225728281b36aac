package io.dtaas.controlplane.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP listener standing in for a host of an attacker's choice: it counts the connections it gets and
 * keeps every byte sent to it, then hangs up (so a driver fails fast instead of waiting for a greeting).
 */
public final class TcpProbe implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread acceptor;

    public TcpProbe() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptAll);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Everything any client sent, as text. */
    public synchronized String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(300);
                readWhatComes(s.getInputStream());
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void readWhatComes(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                synchronized (this) {
                    received.write(buf, 0, n);
                }
            }
        } catch (SocketTimeoutException quiet) {
            // the client waits for a server greeting that never comes: hang up
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
