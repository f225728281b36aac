package io.dtaas.connect.jdbc;

import io.dtaas.data.ColumnType;

import java.util.List;

/**
 * A database's SQL for the canonical text of a value and the hashes validation computes over it
 * (docs/type-mapping.md, "Canonical text"). Every expression takes quoted identifiers and never a value.
 */
public interface RowHashSql {

    /** The canonical text of a non-NULL value of {@code quoted} (a quoted column) whose type is {@code type}. */
    String canonical(String quoted, ColumnType type);

    /** The MD5 of a text expression as 32 lowercase hex digits (the same function name in every database here). */
    default String md5(String text) {
        return "MD5(" + text + ")";
    }

    /** The texts joined with commas (none of them NULL); CONCAT_WS means this in every database here. */
    default String join(List<String> texts) {
        return "CONCAT_WS(','" + texts.stream().map(t -> ", " + t).reduce("", String::concat) + ")";
    }

    /** The first 15 hex digits of an MD5 expression as an exact integer, summed over the rows (0 when none). */
    String sumOfHashes(String md5);

    /** A row's hash: the MD5 of its columns' MD5s, a NULL column hashed as {@code n}. */
    default String rowHash(List<String> quotedColumns, List<ColumnType> types) {
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < quotedColumns.size(); i++) {
            String c = quotedColumns.get(i);
            parts.add("CASE WHEN " + c + " IS NULL THEN 'n' ELSE " + md5(canonical(c, types.get(i))) + " END");
        }
        return md5(join(parts));
    }
}
