package io.dtaas.transform.expr;

/**
 * An expression that cannot be parsed or bound. {@link #position()} is the 1-based character where the
 * problem starts, so the message can point at it.
 */
public final class ExpressionException extends RuntimeException {

    private final int position;
    private final String problem;

    public ExpressionException(int position, String problem) {
        super("at position " + position + ": " + problem);
        this.position = position;
        this.problem = problem;
    }

    public int position() {
        return position;
    }

    /** The message without its position. */
    public String problem() {
        return problem;
    }
}
