package io.dtaas.connect.jdbc;

import io.dtaas.error.ConfigError;

import java.util.List;
import java.util.Set;

/**
 * A dialect's lexical rules for a read: the words a statement may start with, and words or phrases that make
 * it write, lock or leave the transaction wherever they stand in code (never inside quotes or comments).
 *
 * @param reading the statement's first word, one of these
 * @param refused words never allowed in code
 * @param phrases word sequences never allowed in code (e.g. {@code FOR UPDATE})
 */
public record ReadRules(Set<String> reading, Set<String> refused, List<List<String>> phrases) {

    /** What every dialect refuses: locking reads, and SELECT ... INTO (it writes tables, files or variables). */
    public static final List<List<String>> LOCKING = List.of(List.of("FOR", "UPDATE"), List.of("FOR", "SHARE"),
            List.of("FOR", "NO", "KEY"), List.of("FOR", "KEY", "SHARE"), List.of("LOCK", "IN", "SHARE", "MODE"));

    /** @throws ConfigError naming {@code sql} when the statement does not read, or writes, locks or leaves */
    public ReadStatement check(ReadStatement statement) {
        String keyword = statement.keyword();
        if (!reading.contains(keyword)) {
            throw new ConfigError("sql", "only a single read-only statement is allowed (" + String.join(", ",
                    reading.stream().sorted().toList()) + "); found " + (keyword.isEmpty() ? "no statement" : keyword));
        }
        int into = statement.indexOf("INTO");
        if (into >= 0) {
            throw new ConfigError("sql", "SELECT ... INTO writes data and is not allowed here (position "
                    + statement.position(into) + ")");
        }
        for (int i = 0; i < statement.tokens().size(); i++) {
            String word = statement.tokens().get(i).keyword();
            if (refused.contains(word)) {
                throw new ConfigError("sql", word + " is not allowed in a read-only query (position "
                        + statement.position(i) + ")");
            }
        }
        for (List<String> phrase : phrases) {
            int at = statement.indexOf(phrase);
            if (at >= 0) {
                throw new ConfigError("sql", String.join(" ", phrase) + " locks or writes and is not allowed in a"
                        + " read-only query (position " + statement.position(at) + ")");
            }
        }
        return statement;
    }
}
