package io.dtaas.controlplane.metadata;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The embedded metadata PostgreSQL started on a thread of its own while Quarkus boots (class loading, CDI, Hibernate's
 * metamodel, REST, OpenAPI: seconds that need no database), instead of before it. Its port and this run's password
 * are fixed up front ({@link EmbeddedMetadataStore#reserve}), so Quarkus is configured before the server runs; the
 * first user of the database, Flyway at start, waits for it ({@link WaitForEmbeddedStore}).
 *
 * <p>At most one per process: the launcher's. Without one (tests, {@code DATABASE_URL}) nothing waits.
 */
public final class EmbeddedStoreStartup {

    private static volatile EmbeddedStoreStartup current;

    private final CompletableFuture<EmbeddedMetadataStore> store = new CompletableFuture<>();

    private EmbeddedStoreStartup() {
    }

    /**
     * Starts the reserved server in the background; {@code onFailure} is told why if it cannot start (the launcher
     * prints it: the failure surfaces in Quarkus only as "did not start").
     */
    public static EmbeddedStoreStartup begin(EmbeddedMetadataStore.Reservation reservation, Consumer<String> log,
                                             Consumer<IOException> onFailure) {
        EmbeddedStoreStartup startup = new EmbeddedStoreStartup();
        Thread thread = new Thread(() -> {
            try {
                startup.store.complete(reservation.start(log));
            } catch (IOException | RuntimeException e) {
                IOException failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                onFailure.accept(failure);
                startup.store.completeExceptionally(failure);
            }
        }, "dtaas-embedded-postgres-start");
        thread.setContextClassLoader(new PgjdbcOnlyDriverDiscovery(EmbeddedStoreStartup.class.getClassLoader()));
        thread.start();
        current = startup;
        return startup;
    }

    /** Blocks until the launcher's embedded server (if any) is up; throws if it could not start. */
    public static void awaitCurrent() {
        EmbeddedStoreStartup startup = current;
        if (startup != null) {
            try {
                startup.await();
            } catch (IOException e) {
                throw new IllegalStateException("the embedded metadata database did not start: " + e.getMessage(), e);
            }
        }
    }

    /** The started server, once it is up. */
    public EmbeddedMetadataStore await() throws IOException {
        try {
            return store.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded metadata database", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Stops the server once its start is over (a start that failed has nothing to stop). */
    public void close() {
        try {
            await().close();
        } catch (IOException ignored) {
            // it never ran, or the process is exiting anyway
        }
    }
}
