package com.voxclone.platform.boundary;

import com.voxclone.worker.boundary.WorkerRegistry;
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
 * Readiness ({@code GET /health/ready}): the database answers, the broker accepts a session, and at least one
 * worker has reported within {@link WorkerRegistry#FRESHNESS}.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Resource(lookup = Platform.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    WorkerRegistry workers;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return HealthCheckResponse.up("database");
            } catch (Exception e) {
                return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            try (JMSContext jms = connectionFactory.createContext()) {
                jms.createTemporaryQueue().delete();
                return HealthCheckResponse.up("broker");
            } catch (Exception e) {
                return HealthCheckResponse.named("broker").down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck workers() {
        return () -> {
            try {
                long alive = workers.alive();
                return HealthCheckResponse.named("workers").status(alive > 0).withData("alive", alive).build();
            } catch (Exception e) {
                return HealthCheckResponse.named("workers").down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }
}
