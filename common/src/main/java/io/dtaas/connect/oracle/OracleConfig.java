package io.dtaas.connect.oracle;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.error.ConfigError;
import io.dtaas.secret.Secret;

import java.util.List;
import java.util.regex.Pattern;

/** Validated settings of an Oracle connection, by service name (default) or SID. */
public record OracleConfig(String host, int port, String connectionType, String serviceName, String sid,
                           String username, Secret password) {

    static final List<FieldSpec> FIELDS = List.of(
            ServerFields.host(),
            FieldSpec.port(1521),
            FieldSpec.choice("connection_type", "Connect by", "service_name", List.of("service_name", "sid"),
                    "Whether service_name or sid identifies the database"),
            FieldSpec.string("service_name", "Service name", false, "Oracle service name, e.g. ORCL or ORCLPDB1"),
            FieldSpec.string("sid", "SID", false, "Oracle SID, when connecting by SID"),
            ServerFields.username(),
            ServerFields.password());

    /** Service names and SIDs as Oracle writes them; nothing the thin driver's URL syntax gives a meaning to. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_.$-]{0,127}");

    public static OracleConfig from(ConfigValues config) {
        String type = config.string("connection_type");
        String field = type.equals("sid") ? "sid" : "service_name";
        String name = config.string(field);
        if (name == null || name.isBlank()) {
            throw new ConfigError(ServerFields.PATH + "." + field, "is required when connection_type is " + type);
        }
        if (!NAME.matcher(name).matches()) {
            throw new ConfigError(ServerFields.PATH + "." + field,
                    "must be at most 128 letters, digits, '_', '.', '$' and '-'");
        }
        return new OracleConfig(ServerFields.host(config), config.integer("port"), type,
                config.string("service_name"), config.string("sid"), config.string("username"),
                config.secret("password"));
    }

    /** The thin-driver URL: {@code @//host:port/service} or {@code @host:port:SID}. */
    String url() {
        return "sid".equals(connectionType)
                ? "jdbc:oracle:thin:@" + host + ":" + port + ":" + sid
                : "jdbc:oracle:thin:@//" + host + ":" + port + "/" + serviceName;
    }

    /** The service name or SID, whichever connection_type names. */
    public String databaseName() {
        return "sid".equals(connectionType) ? sid : serviceName;
    }

    @Override
    public String toString() {
        return "OracleConfig[" + username + "@" + host + ":" + port + "/" + databaseName() + "]";
    }
}
