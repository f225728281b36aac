package io.dtaas.controlplane.variable;

import io.dtaas.connect.Connector;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.connect.jdbc.SqlLiterals;

/** How a source database writes literals and reads quotes; standard SQL for a source that is not JDBC. */
final class SourceLexicon {

    private static final SqlLiterals STANDARD = new SqlLiterals() {
    };

    private SourceLexicon() {
    }

    static SqlLiterals of(Connector source) {
        return source instanceof JdbcConnector jdbc ? jdbc.dialect() : STANDARD;
    }
}
