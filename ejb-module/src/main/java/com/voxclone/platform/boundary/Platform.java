package com.voxclone.platform.boundary;

import com.voxclone.platform.control.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/**
 * The resources every VoxClone application uses: the PostgreSQL XA data source ({@link #DATA_SOURCE}) and the JMS
 * connection factory on the Artemis resource adapter ({@link #CONNECTION_FACTORY}). XA on both sides is what lets a
 * database write and a JMS send commit or roll back together. Both are defined in the server, not here, by whoever
 * runs it (the launcher, from its settings; on Payara Server, the administrator): the transaction manager recovers
 * transactions a crash left in doubt only through connections it knows before any application is deployed.
 *
 * <p>At start-up the database schema is brought up to date before any other bean touches it.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Platform {

    public static final String DATA_SOURCE = "jdbc/voxclone";
    public static final String CONNECTION_FACTORY = "jms/voxclone";

    private static volatile boolean schemaReady;

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    /** Flyway manages its own transactions, which an XA connection refuses inside a JTA transaction. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        JobLogContext.install();
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
