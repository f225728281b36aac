package io.dtaas.validate;

import io.dtaas.engine.ResourceBudget;
import io.dtaas.engine.RunControl;

import java.util.function.BooleanSupplier;

/** Runs one chunk's comparison holding a slot of the process's resource budget, as a load's chunk is moved. */
final class Budgeted {

    private Budgeted() {
    }

    /** The work's answer, or false when a stop was asked while waiting for the slot. */
    static boolean run(RunControl control, BooleanSupplier work) {
        ResourceBudget.Slot slot;
        try {
            slot = ResourceBudget.process().acquire(control);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (slot == null) {
            return false; // asked to stop while waiting
        }
        try (slot) {
            return work.getAsBoolean();
        }
    }
}
