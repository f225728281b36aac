package io.dtaas.controlplane.api;

import io.dtaas.error.FieldProblem;

import java.util.List;

/**
 * An error answer (RFC 9457 problem document): what went wrong in words, and for input errors every field
 * with its problem. Never a stack trace.
 *
 * @param errors the fields at fault; empty when the problem is not about input fields
 * @param reference for server errors, the id under which the details were logged
 */
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors, String reference) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of(), null);
    }

    public static Problem invalid(List<FieldProblem> errors, String detail) {
        return new Problem("about:blank", "Invalid input", 422, detail, List.copyOf(errors), null);
    }
}
