package io.dtaas.controlplane.openapi;

/** Opens {@link StoredApiDocument}'s package-private reads to tests in other packages. */
public final class StoredApiDocumentProbe {

    private StoredApiDocumentProbe() {
    }

    public static byte[] stored() {
        return StoredApiDocument.stored();
    }

    public static String etag(byte[] bytes) {
        return StoredApiDocument.etag(bytes);
    }
}
