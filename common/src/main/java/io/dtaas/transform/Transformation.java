package io.dtaas.transform;

import io.dtaas.data.TableSchema;

/**
 * One entry of a table's transformation list, its config validated (see {@link TransformationType} for the
 * catalogue). Binding it to the schema of the rows it will receive checks columns and types and gives the
 * {@link Step} that does the work.
 */
public sealed interface Transformation permits RenameColumn, DropColumn, Cast, Uppercase, Lowercase, Trim, AddPrefix,
        AddSuffix, Replace, FillNull, AddColumn, Mask, Hash, FilterRows, Deduplicate, Sort, Limit, ExtractDatePart,
        DateFormat, Concat, Split, Conditional, Aggregate {

    TransformationType type();

    /**
     * @throws io.dtaas.error.ConfigError naming {@code config.<field>} when the input does not fit: an unknown
     *                                    column, a type mismatch, a name that already exists
     */
    Step bind(TableSchema input, TransformContext context);
}
