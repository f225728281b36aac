package io.dtaas.connect.jdbc;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.error.ConfigError;

import java.util.regex.Pattern;

/** The connection fields that database servers share, and the checks that keep them out of URL syntax. */
public final class ServerFields {

    public static final String PATH = "connection_config";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern NAME = Pattern.compile("[^/?&;=\\\\\\s\"']+");

    private ServerFields() {
    }

    public static FieldSpec host() {
        return FieldSpec.string("host", "Host", true, "Host name or IP address of the server");
    }

    public static FieldSpec database(boolean required) {
        return FieldSpec.string("database", "Database", required, "Database to connect to");
    }

    public static FieldSpec username() {
        return FieldSpec.string("username", "User name", true, "Login used to connect");
    }

    public static FieldSpec password() {
        return FieldSpec.secret("password", "Password", false, "Password of the login");
    }

    /** The host field, checked to be a plain host name or IP so it cannot smuggle URL parameters. */
    public static String host(ConfigValues config) {
        String host = config.string("host").trim();
        if (!HOST.matcher(host).matches()) {
            throw new ConfigError(PATH + ".host", "must be a host name or IP address (no scheme, port or path)");
        }
        return host;
    }

    /** A name that goes into a URL (database, service): no separators, quotes or spaces. */
    public static String urlSafeName(ConfigValues config, String field) {
        String value = config.string(field);
        if (value != null && !NAME.matcher(value).matches()) {
            throw new ConfigError(PATH + "." + field, "must not contain spaces, quotes or any of / ? & ; = \\");
        }
        return value;
    }
}
