package com.voxclone.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of every VoxClone application ({@code GET /health/ready}): the database answers and the broker
 * accepts a session. The web application adds the worker check, the worker application its engine check.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Resource(lookup = Platform.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

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
}
