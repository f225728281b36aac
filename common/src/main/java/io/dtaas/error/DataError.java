package io.dtaas.error;

/** A row or value that cannot be moved as it is; the message names table and column. */
public final class DataError extends DtaasException {

    public DataError(String message, Throwable cause) {
        super(message, cause);
    }
}
