package io.dtaas.worker;

import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.GatewayCalls;
import io.dtaas.cluster.GatewayReply;
import io.dtaas.cluster.GatewayRequest;
import io.dtaas.cluster.RedisTrouble;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers the control-plane's connector calls (test connection, browse, preview, query) taken from
 * {@link ClusterKeys#requests()}: the reply goes to the request's own list, which the control-plane waits on.
 * Runs apart from the job slots, so a worker busy with long loads still answers within seconds.
 */
@ApplicationScoped
public class RequestConsumer {

    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);
    private static final int PARALLEL = 4;
    private static final Duration REPLY_TTL = Duration.ofMinutes(1);

    private final WorkerInfo info;
    private final Streams streams;
    private final GatewayCalls calls;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL,
            Thread.ofPlatform().daemon().name("dtaas-request-", 0).factory());
    private final RedisTrouble trouble = new RedisTrouble("read connector requests");
    private volatile boolean closing;

    public RequestConsumer(WorkerInfo info, Streams streams, GatewayCalls calls) {
        this.info = info;
        this.streams = streams;
        this.calls = calls;
    }

    void onStart(@Observes StartupEvent event) {
        if (!info.redisConfigured()) {
            return;
        }
        streams.ensureGroup(streams.keys().requests(), ClusterKeys.WORKERS_GROUP);
        Thread.ofPlatform().daemon().name("dtaas-request-reader").start(this::readLoop);
    }

    void onStop(@Observes ShutdownEvent event) {
        closing = true;
        pool.shutdown();
    }

    private void readLoop() {
        while (!closing) {
            try {
                List<StreamMessage<String, String, String>> messages = streams.commands().xreadgroup(
                        ClusterKeys.WORKERS_GROUP, info.id(), streams.keys().requests(), ">",
                        new XReadGroupArgs().count(PARALLEL).block(Duration.ofSeconds(1)));
                for (StreamMessage<String, String, String> m : messages) {
                    pool.execute(() -> answer(m));
                }
                trouble.ok().ifPresent(LOG::info);
            } catch (RuntimeException e) {
                if (!closing && !recreated(e)) {
                    trouble.failed(e).ifPresent(LOG::warn);
                    sleep();
                }
            }
        }
    }

    /** The requests group vanished (Redis restarted empty): recreate it and read on at once. */
    private boolean recreated(RuntimeException e) {
        try {
            return streams.recreateIfGone(e, streams.keys().requests(), ClusterKeys.WORKERS_GROUP);
        } catch (RuntimeException again) {
            return false;
        }
    }

    private void answer(StreamMessage<String, String, String> m) {
        try {
            GatewayRequest request = streams.decode(m.payload(), GatewayRequest.class);
            GatewayReply reply = calls.answer(request);
            String key = streams.keys().reply(request.id());
            streams.redis().list(String.class).lpush(key, streams.encode(reply));
            streams.redis().key().pexpire(key, REPLY_TTL);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not answer connector request %s", m.id());
        } finally {
            try {
                streams.commands().xack(streams.keys().requests(), ClusterKeys.WORKERS_GROUP, m.id());
            } catch (RuntimeException e) {
                LOG.debugf(e, "could not acknowledge connector request %s", m.id());
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
