package io.dtaas.controlplane;

import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.GatewayReply;
import io.dtaas.cluster.GatewayRequest;
import io.dtaas.cluster.JobMessage;
import io.dtaas.cluster.WorkerInfo;
import io.dtaas.cluster.WorkerReport;
import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.ResultColumn;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.controlplane.launch.LaunchOptions;
import io.dtaas.error.FieldProblem;
import io.dtaas.data.TableRef;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.job.TransferConfig;
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
        // distributed mode's messages (io.dtaas.cluster)
        JobMessage.class, JobSpec.class, TransferConfig.class, TableRef.class, WorkerReport.class,
        WorkerReport.Kind.class, ControlMessage.class, ControlMessage.Action.class, WorkerInfo.class,
        GatewayRequest.class, GatewayRequest.Op.class, GatewayReply.class, ProgressEvent.class,
        TransformationType.class, TransformationType.Info.class, TransformationType.Category.class, TypeField.class,
        TypeField.Kind.class, io.dtaas.engine.TargetPreview.Selection.class, io.dtaas.engine.TargetPreview.Target.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
