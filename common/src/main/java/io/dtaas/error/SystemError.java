package io.dtaas.error;

/** Something that should not happen: a bug of ours, reported as a 500 with a reference, never a trace. */
public final class SystemError extends DtaasException {

    public SystemError(String message, Throwable cause) {
        super(message, cause);
    }
}
