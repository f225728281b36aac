package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.controlplane.dispatch.InProcessJobDispatcher;
import io.dtaas.controlplane.dispatch.JobDispatcher;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.controlplane.gateway.InProcessConnectorGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Picks the in-process or the Redis implementation of the dispatch seams, by {@link ClusterMode}. */
public class DispatchBeans {

    @Produces
    @ApplicationScoped
    JobDispatcher jobDispatcher(ClusterMode mode, Instance<InProcessJobDispatcher> local,
                                Instance<RedisJobDispatcher> redis) {
        return mode.distributed() ? redis.get() : local.get();
    }

    @Produces
    @ApplicationScoped
    ConnectorGateway connectorGateway(ClusterMode mode, Instance<InProcessConnectorGateway> local,
                                      Instance<RedisConnectorGateway> redis) {
        return mode.distributed() ? redis.get() : local.get();
    }
}
