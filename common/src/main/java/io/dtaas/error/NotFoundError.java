package io.dtaas.error;

/** A named thing (connector, task, table, column) does not exist; the API answers 404. */
public final class NotFoundError extends DtaasException {

    public NotFoundError(String message) {
        super(message, null);
    }
}
