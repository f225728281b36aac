package io.dtaas.worker;

import io.dtaas.engine.ResourceBudget;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Sizes this worker's {@link ResourceBudget} at start ({@code dtaas.engine.chunk-slots}, env DTAAS_CHUNK_SLOTS). */
@Startup
@ApplicationScoped
public class WorkerBudget {

    public WorkerBudget(@ConfigProperty(name = "dtaas.engine.chunk-slots") Optional<Integer> slots) {
        ResourceBudget.configure(slots.filter(n -> n > 0).orElse(ResourceBudget.DEFAULT_SLOTS));
    }
}
