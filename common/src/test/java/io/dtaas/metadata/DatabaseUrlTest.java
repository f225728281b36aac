package io.dtaas.metadata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void seedFormBecomesJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://user:pass@localhost:5432/dtaas");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/dtaas");
        assertThat(url.username()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("pass");
        assertThat(url.toString()).doesNotContain("pass@").doesNotContain("=pass");
    }

    @Test
    void decodesCredentialsDefaultsPortAndKeepsParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://dt%40as:p%3Ass@db.internal/meta?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/meta?sslmode=require");
        assertThat(url.username()).isEqualTo("dt@as");
        assertThat(url.password()).isEqualTo("p:ss");
    }

    @Test
    void jdbcUrlsPassThroughAndOthersAreRefused() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThatThrownBy(() -> DatabaseUrl.parse("sqlite:///./dtaas.db"))
                .hasMessageContaining("metadata store is PostgreSQL");
    }
}
