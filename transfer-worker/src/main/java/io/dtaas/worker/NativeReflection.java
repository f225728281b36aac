package io.dtaas.worker;

import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.GatewayReply;
import io.dtaas.cluster.GatewayRequest;
import io.dtaas.cluster.JobMessage;
import io.dtaas.cluster.WorkerInfo;
import io.dtaas.cluster.WorkerReport;
import io.dtaas.connect.CheckResult;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.ResultColumn;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.data.TableRef;
import io.dtaas.engine.TargetPreview;
import io.dtaas.error.FieldProblem;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.job.TransferConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types from {@code common} that Jackson reaches by reflection in the worker's messages; kept in a native image. */
@RegisterForReflection(targets = {JobMessage.class, JobSpec.class, TransferConfig.class, TableRef.class,
        WorkerReport.class, WorkerReport.Kind.class, ControlMessage.class, ControlMessage.Action.class,
        WorkerInfo.class, GatewayRequest.class, GatewayRequest.Op.class, GatewayReply.class, ProgressEvent.class,
        TableProgress.class, CheckResult.class, CheckResult.Details.class, CheckResult.Failure.class,
        TableInfo.class, ColumnInfo.class, ColumnInfo.ForeignKeyRef.class, QueryResult.class, ResultColumn.class,
        FieldProblem.class, TargetPreview.Selection.class, TargetPreview.Target.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
