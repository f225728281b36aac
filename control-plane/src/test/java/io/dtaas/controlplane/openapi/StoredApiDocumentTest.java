package io.dtaas.controlplane.openapi;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher hides the stored document from Quarkus' document service, and nothing else. */
class StoredApiDocumentTest {

    @Test
    void quarkusFindsNoStoredDocumentButEveryOtherResource() throws Exception {
        ClassLoader before = OpenApiConstants.classLoader;
        try {
            StoredApiDocument.hideFromQuarkus();
            ClassLoader seenByQuarkus = OpenApiConstants.classLoader;
            assertThat(seenByQuarkus.getResourceAsStream(StoredApiDocument.RESOURCE)).isNull();
            assertThat(seenByQuarkus.getResource(StoredApiDocument.RESOURCE)).isNull();
            try (InputStream other = seenByQuarkus.getResourceAsStream("application.properties")) {
                assertThat(other).isNotNull();
            }
            assertThat(seenByQuarkus.loadClass(StoredApiDocument.class.getName())).isSameAs(StoredApiDocument.class);
        } finally {
            OpenApiConstants.classLoader = before;
        }
    }

    @Test
    void theEtagFollowsTheBytes() {
        assertThat(StoredApiDocument.etag(new byte[]{1, 2})).matches("\"[0-9a-f]{32}\"")
                .isEqualTo(StoredApiDocument.etag(new byte[]{1, 2})).isNotEqualTo(StoredApiDocument.etag(new byte[]{1, 3}));
    }
}
