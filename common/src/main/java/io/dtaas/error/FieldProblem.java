package io.dtaas.error;

/** One problem with one input field, named by its path in the request (e.g. {@code connection_config.port}). */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
