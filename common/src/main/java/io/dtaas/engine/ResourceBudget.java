package io.dtaas.engine;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one process may spend on chunks in flight, across all its executions: each chunk in flight holds a source
 * connection, a destination connection, a reader and a writer thread and at most a few batches of rows. A chunk
 * takes a slot before it opens anything and gives it back when it ends, so ten executions on a small machine
 * wait for slots instead of opening hundreds of connections or filling the heap. Hosts size it at start
 * ({@code dtaas.engine.chunk-slots}, env {@code DTAAS_CHUNK_SLOTS}); thread-safe.
 */
public final class ResourceBudget {

    /** Default: four chunks per core, at least eight. */
    public static final int DEFAULT_SLOTS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private static volatile ResourceBudget process = new ResourceBudget(DEFAULT_SLOTS);

    private final int slots;
    private final Semaphore free;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public ResourceBudget(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("chunk slots must be at least 1, got " + slots);
        }
        this.slots = slots;
        this.free = new Semaphore(slots, true);
    }

    /** The process's budget. */
    public static ResourceBudget process() {
        return process;
    }

    /** Sizes the process's budget; called once by a host at start, before any execution runs. */
    public static void configure(int slots) {
        process = new ResourceBudget(slots);
    }

    /** A held slot; closing it gives the slot back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for a free slot. Returns null when the execution is asked to stop or pause while it waits.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Slot acquire(RunControl control) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            while (!free.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (control.stopRequested() || control.pauseRequested()) {
                    return null;
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
        peak.accumulateAndGet(slots - free.availablePermits(), Math::max);
        return free::release;
    }

    /** The budget now: slots, in use, chunks waiting for one, and the most ever in use at once. */
    public record Usage(int chunkSlots, int inUse, int waiting, int peakInUse) {
    }

    public Usage usage() {
        return new Usage(slots, slots - free.availablePermits(), waiting.get(), peak.get());
    }
}
