package io.dtaas.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.List;

/**
 * An error answer (RFC 9457 problem document): what went wrong in words, and for input errors the fields with
 * their problems. Never a stack trace.
 *
 * @param errors        the fields at fault, at most {@link ConfigError#MAX_SHOWN}; empty when the problem is not
 *                      about input fields
 * @param errorsOmitted how many more fields were at fault than {@code errors} lists; absent when none
 * @param reference     for server errors, the id under which the details were logged
 */
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer errorsOmitted, String reference) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of(), null, null);
    }

    /** A 422 listing the first {@link ConfigError#MAX_SHOWN} of {@code errors} and counting the rest. */
    public static Problem invalid(List<FieldProblem> errors, String detail) {
        int shown = Math.min(errors.size(), ConfigError.MAX_SHOWN);
        return new Problem("about:blank", "Invalid input", 422, detail, List.copyOf(errors.subList(0, shown)),
                errors.size() > shown ? errors.size() - shown : null, null);
    }
}
