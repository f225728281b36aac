package io.dtaas.connect.snowflake;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.error.ConfigError;
import io.dtaas.secret.Secret;

import java.util.List;
import java.util.regex.Pattern;

/** Validated settings of a Snowflake connection: password or key-pair authentication. */
public record SnowflakeConfig(String account, String host, String user, Secret password, Secret privateKey,
                              String warehouse, String database, String schema, String role) {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._-]+");

    static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.string("account", "Account", true, "Account identifier, e.g. myorg-myaccount or xy12345.eu-west-1")
                    .asEndpoint(),
            FieldSpec.string("user", "User", true, "Snowflake user"),
            FieldSpec.secret("password", "Password", false, "Password (or use private_key)"),
            FieldSpec.secret("private_key", "Private key (PEM)", false, "Unencrypted PKCS#8 key for key-pair auth"),
            FieldSpec.string("warehouse", "Warehouse", false, "Virtual warehouse for loading, e.g. COMPUTE_WH"),
            FieldSpec.string("database", "Database", true, "Target database"),
            FieldSpec.string("schema", "Schema", false, "Target schema").withDefault("PUBLIC"),
            FieldSpec.string("role", "Role", false, "Role to use, e.g. SYSADMIN"),
            FieldSpec.string("host", "Host override", false,
                    "Server host when not <account>.snowflakecomputing.com (PrivateLink, proxies)").asEndpoint());

    public static SnowflakeConfig from(ConfigValues config) {
        String account = config.string("account").trim();
        if (!ACCOUNT.matcher(account).matches()) {
            throw new ConfigError(ServerFields.PATH + ".account", "must contain only letters, digits, '.', '_' and '-'");
        }
        if (!config.has("password") && !config.has("private_key")) {
            throw new ConfigError(ServerFields.PATH + ".password", "is required unless private_key is given");
        }
        String host = config.has("host") ? ServerFields.host(config) : account + ".snowflakecomputing.com";
        return new SnowflakeConfig(account, host, config.string("user"), config.secret("password"),
                config.secret("private_key"), config.string("warehouse"), config.string("database"),
                config.string("schema"), config.string("role"));
    }

    @Override
    public String toString() {
        return "SnowflakeConfig[" + user + "@" + account + "/" + database + "." + schema + "]";
    }
}
