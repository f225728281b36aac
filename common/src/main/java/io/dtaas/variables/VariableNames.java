package io.dtaas.variables;

import com.google.re2j.Pattern;

/** What a variable may be called: an identifier, so that {@code {{name}}} is unambiguous wherever it stands. */
public final class VariableNames {

    public static final int MAX_LENGTH = 100;
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_LENGTH - 1) + "}");
    public static final String RULE = "letters, digits and _, starting with a letter or _, at most " + MAX_LENGTH
            + " characters";

    private VariableNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
