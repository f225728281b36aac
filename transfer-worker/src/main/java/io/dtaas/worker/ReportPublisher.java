package io.dtaas.worker;

import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.WorkerReport;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends {@link WorkerReport}s to the control-plane over {@link ClusterKeys#progress()}. */
@ApplicationScoped
public class ReportPublisher {

    private final Streams streams;

    public ReportPublisher(Streams streams) {
        this.streams = streams;
    }

    public void publish(WorkerReport report) {
        streams.publish(streams.keys().progress(), report);
    }
}
