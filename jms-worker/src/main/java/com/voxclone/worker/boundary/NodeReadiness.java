package com.voxclone.worker.boundary;

import com.voxclone.platform.boundary.Platform;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the node ({@code GET /health/ready}): the database answers and the broker accepts a session, each
 * reported once per node, with the node's name. Every node runs the worker application, so these checks live here
 * and not in the core, which both applications carry (they would be listed twice). The web application adds the
 * worker check, the worker application its engine check.
 */
@ApplicationScoped
public class NodeReadiness {

    @Resource(lookup = Platform.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    WorkerIdentity identity;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return HealthCheckResponse.named("database").up().withData("node", identity.nodeName()).build();
            } catch (Exception e) {
                return HealthCheckResponse.named("database").down().withData("node", identity.nodeName())
                        .withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            try (JMSContext jms = connectionFactory.createContext()) {
                jms.createTemporaryQueue().delete();
                return HealthCheckResponse.named("broker").up().withData("node", identity.nodeName()).build();
            } catch (Exception e) {
                return HealthCheckResponse.named("broker").down().withData("node", identity.nodeName())
                        .withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }
}
