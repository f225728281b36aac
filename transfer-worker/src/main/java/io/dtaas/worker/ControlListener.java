package io.dtaas.worker;

import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.RedisTrouble;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Follows the control stream (every worker reads all of it, no group) and passes stop and pause requests to
 * the jobs of that execution running here, and per-table requests (issue 16) to its change stream's job. A stop
 * or pause missed while Redis was unreachable is still applied by
 * the {@link LeaseKeeper}, which reads each running execution's control key at every beat.
 */
@ApplicationScoped
public class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class);

    private final WorkerInfo info;
    private final Streams streams;
    private final RunningJobs running;
    private final RedisTrouble trouble = new RedisTrouble("read the control stream");
    private volatile boolean closing;

    public ControlListener(WorkerInfo info, Streams streams, RunningJobs running) {
        this.info = info;
        this.streams = streams;
        this.running = running;
    }

    void onStart(@Observes StartupEvent event) {
        if (info.redisConfigured()) {
            Thread.ofPlatform().daemon().name("dtaas-control-listener").start(this::listen);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        closing = true;
    }

    private void listen() {
        String last = null;
        while (!closing) {
            try {
                if (last == null) {
                    last = newestId();
                }
                List<StreamMessage<String, String, String>> messages = streams.commands().xread(streams.keys().control(),
                        last, new XReadArgs().count(100).block(Duration.ofSeconds(1)));
                for (StreamMessage<String, String, String> m : messages) {
                    decode(m).ifPresent(this::apply);
                    last = m.id();
                }
                trouble.ok().ifPresent(LOG::info);
            } catch (RuntimeException e) {
                if (!closing) {
                    trouble.failed(e).ifPresent(LOG::warn);
                    sleep();
                }
            }
        }
    }

    /** Starts after the newest entry: requests older than this worker concern jobs it does not run. */
    private String newestId() {
        List<StreamMessage<String, String, String>> newest = streams.commands().xrevrange(streams.keys().control(),
                StreamRange.of("+", "-"), 1);
        return newest.isEmpty() ? "0-0" : newest.get(0).id();
    }

    /** A message this worker cannot read (a newer control-plane's action) is skipped, never read again and again. */
    private java.util.Optional<ControlMessage> decode(StreamMessage<String, String, String> m) {
        try {
            return java.util.Optional.of(streams.decode(m.payload(), ControlMessage.class));
        } catch (RuntimeException e) {
            LOG.warnf("skipped control message %s that this worker cannot read (%s)", m.id(), e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void apply(ControlMessage message) {
        java.util.Optional<io.dtaas.engine.TableCommand> tables = message.tableCommand();
        for (JobRun run : running.ofExecution(message.executionId())) {
            if (tables.isPresent()) {
                if (run.table() == null) { // the change stream's job; table jobs of a full load have no use for it
                    run.tableCommand(tables.get());
                }
                continue;
            }
            switch (message.action()) {
                case STOP -> run.requestStop();
                case PAUSE -> run.requestPause();
                default -> { }
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
