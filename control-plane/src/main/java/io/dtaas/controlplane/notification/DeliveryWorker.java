package io.dtaas.controlplane.notification;

import io.dtaas.controlplane.launch.UntilStarted;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends due deliveries from the database on the scheduler's thread (never a request thread). A 2xx answer delivers;
 * anything else is retried with exponential backoff ({@code dtaas.notifications.retry-base} doubling, capped at
 * {@code retry-max}) until {@code max-attempts}. Logs name the delivery and channel id, never the url or body.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int BATCH = 20;
    private static final int MAX_ERROR = 500;

    private final DeliveryStore store;
    private final ChannelSecrets secrets;
    private final SignedPost post;
    private final Duration timeout;
    private final Duration retryBase;
    private final Duration retryMax;
    private final int maxAttempts;

    public DeliveryWorker(DeliveryStore store, ChannelSecrets secrets,
                          @ConfigProperty(name = "dtaas.notifications.timeout", defaultValue = "10s") Duration timeout,
                          @ConfigProperty(name = "dtaas.notifications.retry-base", defaultValue = "5s") Duration retryBase,
                          @ConfigProperty(name = "dtaas.notifications.retry-max", defaultValue = "15m") Duration retryMax,
                          @ConfigProperty(name = "dtaas.notifications.max-attempts", defaultValue = "10") int maxAttempts) {
        this.store = store;
        this.secrets = secrets;
        this.post = new SignedPost(timeout);
        this.timeout = timeout;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(every = "${dtaas.notifications.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    public void onTick() {
        try {
            // the lease outlasts a whole batch of timed-out sends, so no other sender takes these meanwhile
            for (DeliveryStore.Due due : store.claim(BATCH, timeout.multipliedBy(BATCH + 2L))) {
                send(due);
            }
        } catch (RuntimeException e) {
            LOG.warnf("notification deliveries could not be processed: %s", e.getMessage());
        }
    }

    private void send(DeliveryStore.Due due) {
        ChannelEndpoint endpoint = secrets.open(due.channelId(), due.sealedEndpoint());
        try {
            int status = post.send(endpoint, due.id(), due.kind(), due.payload());
            if (status / 100 == 2) {
                store.delivered(due.id(), status);
            } else {
                retryOrGiveUp(due, status, "HTTP " + status);
            }
        } catch (IOException | IllegalArgumentException e) {
            retryOrGiveUp(due, null, describe(e, endpoint));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retryOrGiveUp(DeliveryStore.Due due, Integer status, String error) {
        Optional<Instant> retryAt = due.attempts() >= maxAttempts ? Optional.empty()
                : Optional.of(Instant.now().plus(backoff(due.attempts())));
        store.failed(due.id(), status, error, retryAt);
        LOG.warnf("notification delivery %d to channel %d failed (attempt %d): %s%s", due.id(), due.channelId(),
                due.attempts(), error, retryAt.isPresent() ? "; will retry" : "; giving up");
    }

    Duration backoff(int attempts) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }

    /** The failure without the url (exception texts may quote it, and it may hold a token). */
    private static String describe(Exception e, ChannelEndpoint endpoint) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replace(endpoint.url(), "[channel url]");
        String text = e.getClass().getSimpleName() + message;
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
