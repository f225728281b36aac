package io.dtaas.error;

/**
 * The closed set of failures DTaaS reports. Each kind tells the caller what to do about it:
 * {@link ConfigError} the user must fix the input, {@link NotFoundError} the named thing does not exist,
 * {@link TransientError} retry with backoff, {@link DataError} a row or value problem,
 * {@link SystemError} our bug. Messages name task, table and field; never a secret.
 */
public sealed abstract class DtaasException extends RuntimeException
        permits ConfigError, NotFoundError, TransientError, DataError, SystemError {

    protected DtaasException(String message, Throwable cause) {
        super(message, cause);
    }
}
