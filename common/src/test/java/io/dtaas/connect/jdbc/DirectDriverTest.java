package io.dtaas.connect.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A driver called directly refuses a URL it does not take as DriverManager would; a driver DriverManager lost (its
 * discovery was shown pgjdbc alone) is registered again for the libraries that connect through it.
 */
class DirectDriverTest {

    @Test
    void aUrlTheDriverDoesNotTakeIsRefusedAsDriverManagerWould() {
        DirectDriver postgres = new DirectDriver(org.postgresql.Driver::new);
        assertThatThrownBy(() -> postgres.connect("jdbc:mariadb://127.0.0.1:1/x", new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessage("No suitable driver found for jdbc:mariadb://127.0.0.1:1/x");
    }

    @Test
    void aDriverDriverManagerLostIsRegisteredAgain() throws Exception {
        DriverManagerWithout.run("org.mariadb.jdbc.Driver", () -> {
            assertThatThrownBy(() -> DriverManager.getDriver("jdbc:mariadb://127.0.0.1:3306/x"))
                    .hasMessageContaining("No suitable driver");
            assertThat(JdbcDriverRegistration.ensure(new org.mariadb.jdbc.Driver())).isTrue();
            assertThat(DriverManager.getDriver("jdbc:mariadb://127.0.0.1:3306/x").getClass().getName())
                    .isEqualTo("org.mariadb.jdbc.Driver");
            assertThat(JdbcDriverRegistration.ensure(new org.mariadb.jdbc.Driver())).isFalse();
        });
    }
}
