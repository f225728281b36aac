package io.dtaas.connect.jdbc;

import io.dtaas.connect.jdbc.SqlToken.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * The one statement a guard admitted.
 *
 * @param text   what is sent to the server: the user's text up to (without) the separator
 * @param tokens the statement's tokens, positions in {@code text}
 */
public record ReadStatement(String text, List<SqlToken> tokens) {

    public ReadStatement {
        tokens = List.copyOf(tokens);
    }

    /** The first word, past opening parentheses ({@code (SELECT 1) UNION ...}); empty when there is none. */
    public String keyword() {
        for (SqlToken t : tokens) {
            if (!t.isSymbol("(")) {
                return t.keyword();
            }
        }
        return "";
    }

    /** The index of the first token that is {@code word}, or -1. */
    public int indexOf(String word) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    /** The index where the words {@code phrase} follow each other, or -1. */
    public int indexOf(List<String> phrase) {
        for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
            int j = 0;
            while (j < phrase.size() && tokens.get(i + j).isWord(phrase.get(j))) {
                j++;
            }
            if (j == phrase.size()) {
                return i;
            }
        }
        return -1;
    }

    /** Where token {@code index} starts, counted from 1 as messages show it. */
    public int position(int index) {
        return tokens.get(index).start() + 1;
    }

    /** The statement from token {@code index} on (e.g. what an EXPLAIN explains). */
    public ReadStatement from(int index) {
        int offset = tokens.get(index).start();
        List<SqlToken> rest = new ArrayList<>();
        for (SqlToken t : tokens.subList(index, tokens.size())) {
            rest.add(new SqlToken(t.kind(), t.start() - offset, t.end() - offset, t.text()));
        }
        return new ReadStatement(text.substring(offset), rest);
    }

    /**
     * Names called as functions: a word or quoted name followed by {@code (}, with a qualifier when one is written
     * ({@code db.f(}). Keywords followed by a parenthesis ({@code IN (}, {@code USING (}) come along too; callers
     * compare against the names they look for.
     */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken name = tokens.get(i);
            if ((name.kind() == Kind.WORD || name.kind() == Kind.QUOTED_NAME) && tokens.get(i + 1).isSymbol("(")) {
                boolean qualified = i >= 2 && tokens.get(i - 1).isSymbol(".")
                        && (tokens.get(i - 2).kind() == Kind.WORD || tokens.get(i - 2).kind() == Kind.QUOTED_NAME);
                calls.add(new Call(unquote(name), qualified, name.start() + 1));
            }
        }
        return calls;
    }

    /**
     * A function call.
     *
     * @param name      as written, without quotes
     * @param qualified written with a schema/database before it
     * @param position  where it starts, from 1
     */
    public record Call(String name, boolean qualified, int position) {
    }

    private static String unquote(SqlToken t) {
        if (t.kind() != Kind.QUOTED_NAME) {
            return t.text();
        }
        String inner = t.text().substring(1, t.text().length() - 1);
        char close = t.text().charAt(t.text().length() - 1);
        return inner.replace(String.valueOf(close) + close, String.valueOf(close));
    }
}
