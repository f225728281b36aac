package io.dtaas.controlplane.api;

/** The request clashes with what is stored (a taken name, a connector still in use); answered 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
