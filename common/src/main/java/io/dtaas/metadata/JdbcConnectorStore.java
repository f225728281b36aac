package io.dtaas.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.Role;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.SystemError;
import io.dtaas.secret.SecretCipher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a connector's settings from the metadata store with plain JDBC and reveals its sealed secrets: how a
 * transfer-worker, which has no API of its own, gets from the connector id in a job to an open connection.
 */
public final class JdbcConnectorStore {

    private static final TypeReference<Map<String, Object>> PLAIN = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() { };

    private final DataSource metadata;
    private final ConnectorRegistry registry;
    private final SecretCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    public JdbcConnectorStore(DataSource metadata, ConnectorRegistry registry, SecretCipher cipher) {
        this.metadata = metadata;
        this.registry = registry;
        this.cipher = cipher;
    }

    /** A stored connector ready to connect with. */
    public record Resolved(long id, Connector connector, ConfigValues values) {

        public Source openSource() {
            return connector.source(values);
        }

        /** @param overrides settings rendered for this execution (templated fields such as an S3 prefix) */
        public Destination openDestination(Map<String, String> overrides) {
            if (overrides.isEmpty()) {
                return connector.destination(values);
            }
            Map<String, Object> settings = new LinkedHashMap<>(values.revealAll());
            settings.putAll(overrides);
            return connector.destination(ConfigValidator.validate(connector.type(), settings, "connection_config"));
        }
    }

    public Resolved resolve(long id) {
        String sql = "SELECT connector_type, type_id, connection_config::text, secret_config FROM connectors WHERE id = ?";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundError("connector " + id + " not found");
                }
                Connector connector = registry.require(Role.fromWire(rs.getString(1)), rs.getString(2));
                Map<String, Object> settings = new LinkedHashMap<>(json.readValue(rs.getString(3), PLAIN));
                String sealed = rs.getString(4);
                if (sealed != null) {
                    settings.putAll(json.readValue(cipher.decrypt(sealed), SECRETS));
                }
                return new Resolved(id, connector, ConfigValidator.validate(connector.type(), settings, "connection_config"));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new SystemError("cannot read connector " + id + " from the metadata store", e);
        }
    }
}
