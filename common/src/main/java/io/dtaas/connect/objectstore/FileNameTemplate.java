package io.dtaas.connect.objectstore;

import io.dtaas.error.ConfigError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The name of a full load's files ({@code file_name_template}), e.g. {@code {table}_{date}_{chunk}-{part}.{ext}}:
 * literal text and the placeholders {@code {schema} {table} {date} {run} {chunk} {part} {ext}}, plus
 * {@code {{variables}}} rendered when the run starts (as single path segments). The default,
 * {@value #DEFAULT}, names files as DTaaS always did.
 *
 * <p>The name is deterministic (the same run, chunk and part always give the same name), so a retried chunk replaces
 * its own files. Parsing refuses what could make two files share a name or leave the folder: {@code {chunk}} is
 * required (a table has many chunks in one folder), {@code {part}} when a chunk can write several files in one
 * folder, two placeholders need a literal non-digit between them, the name ends with {@code {ext}} and holds no
 * {@code /}, {@code \}, control character, leading dot or underscore (names readers treat as hidden). Whether
 * {@code {run}} is needed depends on the write mode ({@link #hasRun()}): without it a later run's files replace
 * an earlier run's.
 */
public final class FileNameTemplate {

    public static final String DEFAULT = "part-{run}-{chunk}-{part}.{ext}";
    static final Set<String> PLACEHOLDERS = Set.of("schema", "table", "date", "run", "chunk", "part", "ext");
    private static final int MAX_LENGTH = 200;

    /** A piece of the template: literal text, a placeholder's name, or a {@code {{variable}}} kept as written. */
    private record Token(String text, boolean placeholder, boolean variable) {
    }

    private final String text;
    private final List<Token> tokens;

    private FileNameTemplate(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = List.copyOf(tokens);
    }

    /**
     * @param text      the setting; blank means {@link #DEFAULT}
     * @param needsPart whether a chunk may write several files into one folder ({@code max_rows_per_file} or
     *                  {@code partition_by} set)
     * @param field     the setting's name in errors, e.g. {@code connection_config.file_name_template}
     * @throws ConfigError naming {@code field}
     */
    public static FileNameTemplate parse(String text, boolean needsPart, String field) {
        String t = text == null || text.isBlank() ? DEFAULT : text.strip();
        if (t.length() > MAX_LENGTH) {
            throw new ConfigError(field, "must be at most " + MAX_LENGTH + " characters");
        }
        List<Token> tokens = tokens(t, field);
        requireSafeLiterals(t, field);
        requireSeparated(tokens, field);
        Set<String> used = new java.util.HashSet<>();
        tokens.stream().filter(Token::placeholder).forEach(k -> used.add(k.text()));
        if (!used.contains("chunk")) {
            throw new ConfigError(field, "must contain {chunk}: every chunk of a table writes into the same folder, "
                    + "e.g. " + DEFAULT);
        }
        if (needsPart && !used.contains("part")) {
            throw new ConfigError(field, "must contain {part}: with max_rows_per_file or partition_by a chunk can "
                    + "write several files into one folder");
        }
        Token last = tokens.getLast();
        if (!last.placeholder() || !last.text().equals("ext")) {
            throw new ConfigError(field, "must end with {ext} (e.g. .{ext}: parquet, csv.gz, jsonl.zst)");
        }
        return new FileNameTemplate(t, tokens);
    }

    /** Whether names differ between runs; without {@code {run}} only {@code overwrite} keeps every row once. */
    public boolean hasRun() {
        return tokens.stream().anyMatch(k -> k.placeholder() && k.text().equals("run"));
    }

    /** The template as written (or the default). */
    public String text() {
        return text;
    }

    /**
     * A file's name.
     *
     * @param schema    the schema's folder name, empty when the table has none
     * @param table     the table's folder name
     * @param extension the format's extension without the leading dot, e.g. {@code csv.gz}
     */
    public String render(String schema, String table, LocalDate date, String run, int chunk, int part,
                         String extension) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            if (!token.placeholder()) {
                out.append(token.text());
                continue;
            }
            out.append(switch (token.text()) {
                case "schema" -> schema;
                case "table" -> table;
                case "date" -> date.toString();
                case "run" -> run;
                case "chunk" -> "%05d".formatted(chunk);
                case "part" -> "%03d".formatted(part);
                case "ext" -> extension;
                default -> throw new IllegalStateException("placeholder " + token.text());
            });
        }
        String name = out.toString();
        if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
            throw new IllegalStateException("file name " + name + " from " + text);
        }
        return name;
    }

    private static List<Token> tokens(String t, String field) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (t.startsWith("{{", i)) {
                int end = t.indexOf("}}", i + 2);
                if (end < 0) {
                    throw new ConfigError(field, "has a {{ without its closing }}");
                }
                flush(literal, tokens);
                tokens.add(new Token(t.substring(i, end + 2), false, true));
                i = end + 2;
            } else if (c == '{') {
                int end = t.indexOf('}', i + 1);
                String name = end < 0 ? "" : t.substring(i + 1, end);
                if (!PLACEHOLDERS.contains(name)) {
                    throw new ConfigError(field, "has an unknown placeholder " + (end < 0 ? t.substring(i)
                            : "{" + name + "}") + "; known: {schema} {table} {date} {run} {chunk} {part} {ext} "
                            + "and {{variables}}");
                }
                flush(literal, tokens);
                tokens.add(new Token(name, true, false));
                i = end + 1;
            } else if (c == '}') {
                throw new ConfigError(field, "has a } without its opening {");
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, tokens);
        return tokens;
    }

    private static void flush(StringBuilder literal, List<Token> tokens) {
        if (!literal.isEmpty()) {
            tokens.add(new Token(literal.toString(), false, false));
            literal.setLength(0);
        }
    }

    private static void requireSafeLiterals(String t, String field) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new ConfigError(field, "is a file name: no '/', '\\' or control characters (folders come from "
                        + "the prefix or path and partition_by)");
            }
        }
        if (t.startsWith(".") || t.startsWith("_")) {
            throw new ConfigError(field, "must not start with '.' or '_': readers such as Spark and Hive skip such "
                    + "files as hidden");
        }
    }

    /** Placeholders side by side could run together ({@code {chunk}{part}}): a non-digit must separate them. */
    private static void requireSeparated(List<Token> tokens, String field) {
        for (int i = 1; i < tokens.size(); i++) {
            Token before = tokens.get(i - 1);
            Token token = tokens.get(i);
            if ((before.placeholder() || before.variable()) && (token.placeholder() || token.variable())) {
                throw new ConfigError(field, "needs a separator between " + shown(before) + " and " + shown(token));
            }
            if (!token.placeholder() && !token.variable() && token.text().chars().allMatch(Character::isDigit)
                    && i + 1 < tokens.size() && (before.placeholder() || before.variable())) {
                throw new ConfigError(field, "needs a separator other than digits between " + shown(before)
                        + " and " + shown(tokens.get(i + 1)));
            }
        }
    }

    private static String shown(Token token) {
        return token.placeholder() ? "{" + token.text() + "}" : token.text();
    }

    @Override
    public String toString() {
        return text;
    }
}
