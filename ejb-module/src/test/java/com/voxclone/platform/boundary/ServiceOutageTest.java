package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceOutageTest {

    @Test
    void aConnectionFailureDeepInTheChainIsTheDatabaseBeingAway() {
        // As PostgreSQL's driver reports a refused connection (08001) and a connection lost mid-way (08006).
        for (String state : new String[] {"08001", "08006", "57P01"}) {
            Throwable wrapped = new EJBException(new PersistenceException(new SQLException("refused", state)));
            assertEquals(Optional.of("database"), ServiceOutage.of(wrapped), state);
        }
    }

    @Test
    void aBrokerThatCannotBeReachedIsTheMessageBrokerBeingAway() {
        Throwable wrapped = new EJBException(new jakarta.jms.JMSRuntimeException("Could not create a session: Error in allocating a connection"));
        assertEquals(Optional.of("message broker"), ServiceOutage.of(wrapped));
        assertEquals(false, ServiceOutage.databaseAway(wrapped), "not the database: a job must not wait for it");
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        // 23505 unique violation, 42P01 undefined table: faults, not outages.
        assertEquals(Optional.empty(), ServiceOutage.of(new PersistenceException(new SQLException("duplicate", "23505"))));
        assertEquals(Optional.empty(), ServiceOutage.of(new SQLException("no table", "42P01")));
        assertEquals(Optional.empty(), ServiceOutage.of(new IllegalStateException("bug")));
    }
}
