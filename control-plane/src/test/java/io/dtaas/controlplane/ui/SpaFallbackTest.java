package io.dtaas.controlplane.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpaFallbackTest {

    @Test
    void pageUrlsFallBackToTheApp() {
        assertThat(SpaFallback.isPagePath("/")).isTrue();
        assertThat(SpaFallback.isPagePath("/tasks/3")).isTrue();
        assertThat(SpaFallback.isPagePath("/browser/2")).isTrue();
        assertThat(SpaFallback.isPagePath("/connectors/1/edit")).isTrue();
        assertThat(SpaFallback.isPagePath("/apiary")).isTrue();
    }

    @Test
    void apiHealthSocketDocsAndFilesKeepTheirOwnAnswers() {
        assertThat(SpaFallback.isPagePath("/api")).isFalse();
        assertThat(SpaFallback.isPagePath("/api/nope")).isFalse();
        assertThat(SpaFallback.isPagePath("/q/health")).isFalse();
        assertThat(SpaFallback.isPagePath("/ws")).isFalse();
        assertThat(SpaFallback.isPagePath("/docs")).isFalse();
        assertThat(SpaFallback.isPagePath("/openapi.json")).isFalse();
        assertThat(SpaFallback.isPagePath("/assets/missing.js")).isFalse();
        assertThat(SpaFallback.isPagePath("/favicon.ico")).isFalse();
        assertThat(SpaFallback.isPagePath(null)).isFalse();
    }
}
