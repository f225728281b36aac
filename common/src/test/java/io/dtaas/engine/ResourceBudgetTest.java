package io.dtaas.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ResourceBudgetTest {

    private static RunControl control(AtomicBoolean stop) {
        return new RunControl() {
            @Override
            public boolean stopRequested() {
                return stop.get();
            }

            @Override
            public boolean pauseRequested() {
                return false;
            }
        };
    }

    @Test
    void aChunkWaitsForAFreeSlotAndGetsItWhenOneIsGivenBack() throws Exception {
        ResourceBudget budget = new ResourceBudget(2);
        RunControl run = control(new AtomicBoolean());
        ResourceBudget.Slot a = budget.acquire(run);
        ResourceBudget.Slot b = budget.acquire(run);
        assertThat(budget.usage()).isEqualTo(new ResourceBudget.Usage(2, 2, 0, 2));
        CompletableFuture<ResourceBudget.Slot> third = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire(run);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> budget.usage().waiting() == 1);
        assertThat(third).isNotDone();
        a.close();
        ResourceBudget.Slot c = third.get(5, TimeUnit.SECONDS);
        assertThat(c).isNotNull();
        assertThat(budget.usage()).isEqualTo(new ResourceBudget.Usage(2, 2, 0, 2));
        b.close();
        c.close();
        assertThat(budget.usage().inUse()).isZero();
    }

    @Test
    void aStopWhileWaitingGivesUpWithoutASlot() throws Exception {
        ResourceBudget budget = new ResourceBudget(1);
        AtomicBoolean stop = new AtomicBoolean();
        ResourceBudget.Slot held = budget.acquire(control(stop));
        CompletableFuture<ResourceBudget.Slot> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire(control(stop));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> budget.usage().waiting() == 1);
        stop.set(true);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(budget.usage().inUse()).isEqualTo(1);
        held.close();
        assertThat(budget.usage().inUse()).isZero();
    }

    @Test
    void aBudgetHasAtLeastOneSlot() {
        assertThatThrownBy(() -> new ResourceBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
