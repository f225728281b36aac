package io.dtaas.connect.postgres;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.secret.Secret;

import java.util.List;

/** Validated settings of a PostgreSQL connection. */
public record PostgresConfig(String host, int port, String database, String username, Secret password, String sslMode) {

    static final List<FieldSpec> FIELDS = List.of(
            ServerFields.host(),
            FieldSpec.port(5432),
            ServerFields.database(true),
            ServerFields.username(),
            ServerFields.password(),
            // how the server's identity is checked is part of the endpoint: a downgrade would expose the password
            FieldSpec.choice("sslmode", "SSL mode", "prefer",
                    List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
                    "libpq sslmode: how strictly to use TLS").asEndpoint());

    public static PostgresConfig from(ConfigValues config) {
        return new PostgresConfig(ServerFields.host(config), config.integer("port"),
                ServerFields.urlSafeName(config, "database"), config.string("username"), config.secret("password"),
                config.string("sslmode"));
    }

    @Override
    public String toString() {
        return "PostgresConfig[" + username + "@" + host + ":" + port + "/" + database + "]";
    }
}
