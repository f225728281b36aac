package io.dtaas.connect.jdbc;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverOptionsTest {

    private static final DriverOptions PINS = new DriverOptions(Map.of("allowLocalInfile", "false"),
            Set.of("socketFactory", "javax.net.ssl.*"));

    @Test
    void removesForbiddenOptionsWhateverTheirCaseAndSetsPinsLast() {
        Properties p = new Properties();
        p.setProperty("SOCKETFACTORY", "evil.Factory");
        p.setProperty("socketFactory", "evil.Factory");
        p.setProperty("javax.net.ssl.trustStore", "/etc/passwd");
        p.setProperty("allowLocalInfile", "true");
        p.setProperty("user", "app");
        PINS.applyTo(p);
        assertThat(p).containsOnly(Map.entry("allowLocalInfile", "false"), Map.entry("user", "app"));
    }

    @Test
    void anOptionCannotBeBothPinnedAndForbidden() {
        assertThatThrownBy(() -> new DriverOptions(Map.of("socketFactory", "x"), Set.of("socketfactory")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
