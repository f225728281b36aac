package io.dtaas.connect.mysql;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.secret.Secret;

import java.util.List;

/** Validated settings of a MySQL or MariaDB connection. */
public record MysqlConfig(String host, int port, String database, String username, Secret password, String sslMode) {

    static final List<FieldSpec> FIELDS = List.of(
            ServerFields.host(),
            FieldSpec.port(3306),
            ServerFields.database(true),
            ServerFields.username(),
            ServerFields.password(),
            // how the server's identity is checked is part of the endpoint: a downgrade would expose the password
            FieldSpec.choice("ssl_mode", "SSL mode", "disable", List.of("disable", "trust", "verify-ca", "verify-full"),
                    "TLS: off, on without certificate checks, or verified").asEndpoint());

    public static MysqlConfig from(ConfigValues config) {
        return new MysqlConfig(ServerFields.host(config), config.integer("port"),
                ServerFields.urlSafeName(config, "database"), config.string("username"), config.secret("password"),
                config.string("ssl_mode"));
    }

    @Override
    public String toString() {
        return "MysqlConfig[" + username + "@" + host + ":" + port + "/" + database + "]";
    }
}
