package io.dtaas.controlplane.transform;

import io.dtaas.error.DataError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Work past the deadline is stopped and its thread ends; shutdown stops running work; results and errors pass. */
class PreviewDeadlineTest {

    /** Loops forever, as a preview's transformations would, calling the checkpoint between "rows". */
    private static Integer forever(Runnable checkpoint, AtomicReference<Thread> ran) {
        ran.set(Thread.currentThread());
        long spins = 0;
        while (true) {
            checkpoint.run();
            spins++;
            if (spins < 0) {
                return 0;
            }
        }
    }

    @Test
    void workPastTheDeadlineIsStoppedAndItsThreadEnds() {
        PreviewDeadline deadline = new PreviewDeadline(Duration.ofMillis(300));
        AtomicReference<Thread> ran = new AtomicReference<>();
        assertThatThrownBy(() -> deadline.run(checkpoint -> forever(checkpoint, ran)))
                .isInstanceOf(PreviewDeadline.PreviewTimedOut.class)
                .hasMessageContaining("did not finish within 0.3 s");
        assertThat(ran.get().isDaemon()).isTrue();
        assertThat(ran.get().getName()).startsWith("dtaas-preview-");
        await().atMost(Duration.ofSeconds(30)).until(() -> !ran.get().isAlive());
    }

    @Test
    void shutdownStopsRunningWork() {
        PreviewDeadline deadline = new PreviewDeadline(Duration.ofHours(1));
        AtomicReference<Thread> ran = new AtomicReference<>();
        CompletableFuture<Integer> caller = CompletableFuture.supplyAsync(() -> deadline.run(c -> forever(c, ran)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.get() != null);
        deadline.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !ran.get().isAlive());
        // the caller is answered too (the stopped work's cancellation), not left waiting an hour
        await().atMost(Duration.ofSeconds(30)).until(caller::isDone);
        assertThat(caller).isCompletedExceptionally();
    }

    @Test
    void resultsAndErrorsOfWorkInTimePassThrough() {
        PreviewDeadline deadline = new PreviewDeadline(Duration.ofSeconds(30));
        Integer answer = deadline.run(checkpoint -> {
            checkpoint.run();
            return 42;
        });
        assertThat(answer).isEqualTo(42);
        assertThatThrownBy(() -> deadline.run(checkpoint -> {
            throw new DataError("cast of column \"s\": value '12x' is not a valid integer", null);
        })).isInstanceOf(DataError.class).hasMessageContaining("12x");
    }
}
