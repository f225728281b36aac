package io.dtaas.controlplane.engine;

import io.dtaas.engine.ResourceBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Sizes the process's {@link ResourceBudget} at start ({@code dtaas.engine.chunk-slots}) and shows it on
 * {@code /q/metrics}: {@code dtaas_engine_chunk_slots}, {@code ..._in_use}, {@code dtaas_engine_chunks_waiting}.
 */
@Startup
@ApplicationScoped
public class EngineBudget {

    public EngineBudget(@ConfigProperty(name = "dtaas.engine.chunk-slots") Optional<Integer> slots, MeterRegistry registry) {
        ResourceBudget.configure(slots.filter(n -> n > 0).orElse(ResourceBudget.DEFAULT_SLOTS));
        Gauge.builder("dtaas_engine_chunk_slots", () -> ResourceBudget.process().usage().chunkSlots())
                .description("chunks this process may move at once (each: a source and a destination connection,"
                        + " two threads, a few batches)").register(registry);
        Gauge.builder("dtaas_engine_chunk_slots_in_use", () -> ResourceBudget.process().usage().inUse())
                .register(registry);
        Gauge.builder("dtaas_engine_chunks_waiting", () -> ResourceBudget.process().usage().waiting())
                .description("chunks waiting for a slot").register(registry);
    }

    /** The budget now, for the dashboard. */
    public ResourceBudget.Usage usage() {
        return ResourceBudget.process().usage();
    }
}
