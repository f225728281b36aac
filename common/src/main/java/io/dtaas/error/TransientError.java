package io.dtaas.error;

/** A failure worth retrying with backoff: connection reset, deadlock, throttling. */
public final class TransientError extends DtaasException {

    public TransientError(String message, Throwable cause) {
        super(message, cause);
    }
}
