package com.voxclone.platform.boundary;

import com.voxclone.platform.control.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSConnectionFactoryDefinition;
import javax.sql.DataSource;

/**
 * The resources every VoxClone application uses, defined once here (both applications package this module):
 * the PostgreSQL XA data source and the JMS connection factory on the Artemis resource adapter. XA on both sides
 * is what lets a database write and a JMS send commit or roll back together. Database settings come from
 * MicroProfile Config ({@code voxclone.db.*}); the broker's address and account are the resource adapter's own
 * configuration ({@code create-resource-adapter-config artemis-rar}, which the launcher runs), shared by this
 * connection factory and every message-driven bean.
 *
 * <p>At start-up the database schema is brought up to date before any other bean touches it.
 */
@DataSourceDefinition(
        name = Platform.DATA_SOURCE,
        className = "org.postgresql.xa.PGXADataSource",
        url = "${MPCONFIG=voxclone.db.url}",
        user = "${MPCONFIG=voxclone.db.user}",
        password = "${MPCONFIG=voxclone.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        // stringType=unspecified: EclipseLink binds a null UUID as varchar, which PostgreSQL refuses for uuid columns.
        properties = {"stringType=unspecified",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation"})
@JMSConnectionFactoryDefinition(
        name = Platform.CONNECTION_FACTORY,
        resourceAdapter = "artemis-rar",
        interfaceName = "jakarta.jms.ConnectionFactory",
        maxPoolSize = 32)
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Platform {

    public static final String DATA_SOURCE = "java:app/jdbc/voxclone";
    public static final String CONNECTION_FACTORY = "java:app/jms/voxclone";

    private static volatile boolean schemaReady;

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    /** Flyway manages its own transactions, which an XA connection refuses inside a JTA transaction. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrateSchema() {
        new SchemaMigration(dataSource).migrate();
        schemaReady = true;
    }

    /**
     * Whether this application's start-up migration has brought the schema up to date. Timers and health checks start
     * with the deployment, possibly before this bean has run: they wait for it instead of failing on missing tables.
     */
    public static boolean schemaReady() {
        return schemaReady;
    }
}
