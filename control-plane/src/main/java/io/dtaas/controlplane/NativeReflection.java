package io.dtaas.controlplane;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.ResultColumn;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.controlplane.launch.LaunchOptions;
import io.dtaas.error.FieldProblem;
import io.dtaas.job.TableProgress;
import io.dtaas.transform.TransformationType;
import io.dtaas.transform.TypeField;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types from {@code common} (which knows no Quarkus) that Jackson or picocli reach by reflection; listed
 * here so a native image keeps them.
 */
@RegisterForReflection(targets = {CheckResult.class, CheckResult.Details.class, CheckResult.Failure.class,
        ConnectorType.class, FieldSpec.class, TableInfo.class, ColumnInfo.class, ColumnInfo.ForeignKeyRef.class,
        QueryResult.class, ResultColumn.class, FieldProblem.class, TableProgress.class, LaunchOptions.class,
        TransformationType.class, TransformationType.Info.class, TransformationType.Category.class, TypeField.class,
        TypeField.Kind.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
