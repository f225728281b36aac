package io.dtaas.connect.standard;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.connect.files.LocalFilesConnector;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.oracle.OracleConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.connect.s3.S3Connector;
import io.dtaas.connect.snowflake.SnowflakeConnector;
import io.dtaas.connect.sqlserver.SqlServerConnector;

import java.util.List;

/**
 * The connector types DTaaS ships, as an explicit list (no classpath scanning). The only place that names every
 * connector: the SPI package knows none of them.
 */
public final class StandardConnectors {

    private StandardConnectors() {
    }

    /**
     * Every connector type; {@code local_files} destinations confined to {@code fileRoots} (the services pass
     * their {@code dtaas.files.roots}).
     */
    public static ConnectorRegistry registry(FileRoots fileRoots) {
        return new ConnectorRegistry(List.of(new PostgresConnector(), new MysqlConnector(), new SqlServerConnector(),
                new OracleConnector(), new SnowflakeConnector(), new S3Connector(), new LocalFilesConnector(fileRoots)));
    }

    /** Every connector type, with file roots from the environment ({@link FileRoots#fromEnvironment}): for tools. */
    public static ConnectorRegistry registry() {
        return registry(FileRoots.fromEnvironment(System.getenv()));
    }
}
