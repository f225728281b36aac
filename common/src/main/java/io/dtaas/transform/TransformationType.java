package io.dtaas.transform;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static io.dtaas.transform.TypeField.Kind.BOOLEAN;
import static io.dtaas.transform.TypeField.Kind.EXPRESSION;
import static io.dtaas.transform.TypeField.Kind.INTEGER;
import static io.dtaas.transform.TypeField.Kind.STRING;
import static io.dtaas.transform.TypeField.Kind.STRING_LIST;
import static io.dtaas.transform.TypeField.choice;
import static io.dtaas.transform.TypeField.optional;
import static io.dtaas.transform.TypeField.required;

/**
 * The catalogue: every transformation type with its wire name, category, settings and factory. Row-set types
 * (deduplicate, sort, limit, aggregate) need a table's whole row set, so they are full-load only.
 * docs/transformations.md describes each with an example.
 */
public enum TransformationType {
    RENAME_COLUMN("rename_column", Category.COLUMN, false, "Renames a column; values and position stay.",
            RenameColumn::from, required("old_name", STRING, "column to rename"),
            required("new_name", STRING, "its new name")),
    DROP_COLUMN("drop_column", Category.COLUMN, false, "Leaves a column out of the target.", DropColumn::from,
            required("column", STRING, "column to drop")),
    CAST("cast", Category.COLUMN, false, "Converts a column to another type.", Cast::from,
            required("column", STRING, "column to convert"),
            new TypeField("data_type", TypeField.Kind.ENUM, true, CastType.NAMES, "target type; decimal also as decimal(p,s)"),
            optional("precision", INTEGER, "decimal: total digits"),
            optional("scale", INTEGER, "decimal: digits after the point (default 0 with precision)"),
            optional("format", STRING, "date/timestamp pattern to read text with (or write text when casting to string), e.g. dd/MM/yyyy"),
            choice("on_error", false, Cast.ON_ERROR, "fail (default): a value that does not convert fails the table; null: it becomes NULL")),
    UPPERCASE("uppercase", Category.COLUMN, false, "Upper-cases a text column.", Uppercase::from,
            required("column", STRING, "text column")),
    LOWERCASE("lowercase", Category.COLUMN, false, "Lower-cases a text column.", Lowercase::from,
            required("column", STRING, "text column")),
    TRIM("trim", Category.COLUMN, false, "Removes leading and/or trailing white space.", Trim::from,
            required("column", STRING, "text column"), choice("side", false, Trim.SIDES, "which end (default both)")),
    ADD_PREFIX("add_prefix", Category.COLUMN, false, "Puts text before a text column's values.", AddPrefix::from,
            required("column", STRING, "text column"), required("prefix", STRING, "text to put first; {{variable}} allowed")),
    ADD_SUFFIX("add_suffix", Category.COLUMN, false, "Puts text after a text column's values.", AddSuffix::from,
            required("column", STRING, "text column"), required("suffix", STRING, "text to put last; {{variable}} allowed")),
    REPLACE("replace", Category.COLUMN, false, "Replaces text in a column, literally or by regular expression.",
            Replace::from, required("column", STRING, "text column"), required("find", STRING, "text or pattern to find"),
            optional("replacement", STRING, "what replaces each match (default empty); with regex, $1 is group 1"),
            optional("regex", BOOLEAN, "find is a Java regular expression (default false)")),
    FILL_NULL("fill_null", Category.COLUMN, false, "Replaces NULLs by a value of the column's type.", FillNull::from,
            required("column", STRING, "column to fill"), required("value", STRING, "the value, or {{variable}}")),
    ADD_COLUMN("add_column", Category.COLUMN, false, "Adds a column: a constant, a {{variable}} or an expression.",
            AddColumn::from, required("name", STRING, "new column's name"),
            optional("value", STRING, "constant value; text may contain {{variable}} placeholders"),
            optional("expression", EXPRESSION, "computed per row instead of value, e.g. price * quantity"),
            new TypeField("data_type", TypeField.Kind.ENUM, false, CastType.NAMES, "convert the value to this type")),
    MASK("mask", Category.COLUMN, false, "Hides a text column but its last characters.", Mask::from,
            required("column", STRING, "text column"), optional("keep_last", INTEGER, "characters left visible (default 4)"),
            optional("mask_char", STRING, "masking character (default *)"),
            optional("digits_only", BOOLEAN, "mask digits only, keeping separators (default false)")),
    HASH("hash", Category.COLUMN, false, "Replaces values by their hex digest.", Hash::from,
            required("column", STRING, "column to hash"), choice("algorithm", false, Hash.ALGORITHMS, "digest (default sha256)"),
            optional("salt", STRING, "text hashed before each value; {{variable}} allowed")),
    FILTER_ROWS("filter_rows", Category.ROW, false, "Keeps rows for which a condition is true.", FilterRows::from,
            required("condition", EXPRESSION, "e.g. amount > 100 AND status IN ('paid','shipped')")),
    DEDUPLICATE("deduplicate", Category.ROW, true, "Keeps one row per distinct key.", Deduplicate::from,
            optional("columns", STRING_LIST, "key columns (default: all columns)"),
            choice("keep", false, Deduplicate.KEEP, "which duplicate to keep (default first)")),
    SORT("sort", Category.ROW, true, "Orders the rows.", Sort::from,
            required("columns", STRING_LIST, "columns to order by; append ' desc' to one for descending"),
            optional("descending", BOOLEAN, "descending for columns without asc/desc (default false)")),
    LIMIT("limit", Category.ROW, true, "Keeps at most a number of rows.", Limit::from,
            required("count", INTEGER, "rows to keep"), optional("offset", INTEGER, "rows to skip first (default 0)")),
    EXTRACT_DATE_PART("extract_date_part", Category.ADVANCED, false, "Extracts a part of a date or timestamp.",
            ExtractDatePart::from, required("column", STRING, "date or timestamp column"),
            choice("part", true, ExtractDatePart.PARTS, "the part; weekday 1 = Monday, epoch in seconds"),
            optional("target", STRING, "result column (default <column>_<part>)")),
    DATE_FORMAT("date_format", Category.ADVANCED, false, "Writes a date or timestamp as text in a pattern.",
            DateFormat::from, required("column", STRING, "date, time or timestamp column (or text with input_format)"),
            required("format", STRING, "pattern, e.g. dd/MM/yyyy HH:mm"),
            optional("target", STRING, "result column (default: the column itself)"),
            optional("input_format", STRING, "pattern to read a text column with")),
    CONCAT("concat", Category.ADVANCED, false, "Joins columns' text with a separator.", Concat::from,
            required("columns", STRING_LIST, "columns to join, in order"),
            optional("separator", STRING, "between values (default none)"), required("target", STRING, "result column")),
    SPLIT("split", Category.ADVANCED, false, "Splits a text column at a separator.", Split::from,
            required("column", STRING, "text column"), required("separator", STRING, "literal separator"),
            optional("targets", STRING_LIST, "columns for the parts (the last one keeps the rest)"),
            optional("index", INTEGER, "0-based part to keep instead of targets"),
            optional("target", STRING, "column for the part chosen by index")),
    CONDITIONAL("conditional", Category.ADVANCED, false, "CASE WHEN condition THEN value ELSE value END.",
            Conditional::from, required("target", STRING, "result column (replaced when it exists)"),
            required("when", EXPRESSION, "condition"), required("then", EXPRESSION, "value when true, e.g. 'gold'"),
            optional("else", EXPRESSION, "value otherwise (default NULL)")),
    AGGREGATE("aggregate", Category.ADVANCED, true, "Groups rows and computes count/sum/avg/min/max.", Aggregate::from,
            optional("group_by", STRING_LIST, "group columns (none: one row for the table)"),
            required("aggregations", STRING_LIST, "e.g. count(*) as orders, sum(amount) as total"));

    /** Where the catalogue lists a type. */
    public enum Category {
        COLUMN, ROW, ADVANCED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How {@code GET /api/transformations/types} shows a type. */
    public record Info(String type, Category category, String description, boolean cdcAllowed, List<TypeField> fields) {
    }

    private final String wireName;
    private final Category category;
    private final boolean rowSet;
    private final String description;
    private final Function<ConfigReader, Transformation> factory;
    private final List<TypeField> fields;

    TransformationType(String wireName, Category category, boolean rowSet, String description,
                       Function<ConfigReader, Transformation> factory, TypeField... fields) {
        this.wireName = wireName;
        this.category = category;
        this.rowSet = rowSet;
        this.description = description;
        this.factory = factory;
        this.fields = List.of(fields);
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Needs a table's whole row set: full load only, and the table is moved as one chunk. */
    public boolean rowSet() {
        return rowSet;
    }

    public List<TypeField> fields() {
        return fields;
    }

    public Info info() {
        return new Info(wireName, category, description, !rowSet, fields);
    }

    public static List<Info> catalogue() {
        return Arrays.stream(values()).map(TransformationType::info).toList();
    }

    public static TransformationType fromWire(String name) {
        for (TransformationType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    Transformation build(ConfigReader reader) {
        return factory.apply(reader);
    }
}
