package io.dtaas.controlplane.metadata;

import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database's start thread shows DriverManager's discovery pgjdbc alone, out of the five drivers on the
 * control-plane's class path; every other resource and class still comes through.
 */
class PgjdbcOnlyDriverDiscoveryTest {

    private static List<String> discovered(ClassLoader loader) {
        return ServiceLoader.load(Driver.class, loader).stream().map(p -> p.type().getName()).toList();
    }

    @Test
    void theDiscoveryFindsPgjdbcAloneWhereTheClassPathHoldsFiveDrivers() throws Exception {
        ClassLoader app = getClass().getClassLoader();
        assertThat(discovered(app)).contains("org.postgresql.Driver", "org.mariadb.jdbc.Driver",
                "com.microsoft.sqlserver.jdbc.SQLServerDriver", "oracle.jdbc.OracleDriver");
        PgjdbcOnlyDriverDiscovery shown = new PgjdbcOnlyDriverDiscovery(app);
        assertThat(discovered(shown)).containsExactly("org.postgresql.Driver");
        assertThat(shown.loadClass("oracle.jdbc.OracleDriver")).isSameAs(Class.forName("oracle.jdbc.OracleDriver"));
        assertThat(shown.getResources("META-INF/MANIFEST.MF").hasMoreElements()).isTrue();
    }
}
