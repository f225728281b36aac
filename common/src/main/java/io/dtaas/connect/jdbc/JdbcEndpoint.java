package io.dtaas.connect.jdbc;

import io.dtaas.secret.Secret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Where and how to open a JDBC connection: URL, driver properties and credentials. The password stays a
 * {@link Secret} until the driver gets it, so an endpoint can be logged safely.
 */
public record JdbcEndpoint(String url, Map<String, String> properties, String user, Secret password) {

    public JdbcEndpoint {
        properties = Map.copyOf(properties);
    }

    public Connection open() throws SQLException {
        Properties props = new Properties();
        props.putAll(properties);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password.reveal());
        }
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String toString() {
        return "JdbcEndpoint[" + url + ", user=" + user + "]";
    }
}
