package io.dtaas.connect.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Driver;
import java.sql.DriverManager;

/** Test help: runs a check with a JDBC driver taken out of DriverManager, as if its discovery never saw it. */
public final class DriverManagerWithout {

    public interface Check {
        void run() throws Exception;
    }

    private DriverManagerWithout() {
    }

    /** Runs {@code check} with every instance of {@code driverClass} out of DriverManager, then puts one back. */
    public static void run(String driverClass, Check check) throws Exception {
        for (Driver d : DriverManager.drivers().toList()) {
            if (d.getClass().getName().equals(driverClass)) {
                DriverManager.deregisterDriver(d);
            }
        }
        try {
            check.run();
        } finally {
            if (DriverManager.drivers().noneMatch(d -> d.getClass().getName().equals(driverClass))) {
                DriverManager.registerDriver((Driver) Class.forName(driverClass).getDeclaredConstructor().newInstance());
            }
        }
    }

    /** A loopback port nothing listens on (free a moment ago). */
    public static int closedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
