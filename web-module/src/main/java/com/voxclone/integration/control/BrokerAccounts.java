package com.voxclone.integration.control;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Platform;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Integration accounts in the broker itself, through Artemis's management address (the broker keeps users, hashed
 * passwords and permissions in its journal): an account may send to the request queue, read its own reply queue and
 * subscribe to its owner's status topic, nothing else. Works the same on the embedded and an external broker.
 */
@ApplicationScoped
public class BrokerAccounts {

    /** Role of every integration account: may send to the request queue. */
    public static final String CLIENT_ROLE = "voxclone-client";
    /** Role of the installation's own account (the applications): every right. */
    static final String INSTALLATION_ROLE = "voxclone";

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "voxclone.broker.management-timeout-seconds", defaultValue = "10")
    int timeoutSeconds;

    /** Creates the broker account with its reply queue and opens its owner's status topic to it. */
    public void create(String user, String password, UUID owner) {
        String replies = Destinations.repliesOf(user);
        String status = Destinations.jobStatusOf(owner);
        String own = "client-" + user;
        String ownerRole = "owner-" + owner;
        invoke("addUser", user, password, String.join(",", CLIENT_ROLE, own, ownerRole), false);
        // send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue, deleteNonDurableQueue, manage,
        // browse, createAddress, deleteAddress: the account only reads; the applications keep every right.
        String both = INSTALLATION_ROLE + "," + own;
        invoke("addSecuritySettings", replies, INSTALLATION_ROLE, both, INSTALLATION_ROLE, INSTALLATION_ROLE,
                INSTALLATION_ROLE, INSTALLATION_ROLE, INSTALLATION_ROLE, both, INSTALLATION_ROLE, INSTALLATION_ROLE);
        // The status topic comes and goes with its subscribers: the owner's accounts may create it again.
        String subscribers = INSTALLATION_ROLE + "," + ownerRole;
        invoke("addSecuritySettings", status, INSTALLATION_ROLE, subscribers, subscribers, subscribers, subscribers,
                subscribers, INSTALLATION_ROLE, INSTALLATION_ROLE, subscribers, INSTALLATION_ROLE);
        invoke("createQueue", Json.createObjectBuilder().add("name", replies).add("address", replies)
                .add("routing-type", "ANYCAST").add("durable", true).build().toString());
    }

    /**
     * Removes the account, closes its open connections and deletes its reply queue: it is refused from now on. Every
     * step is tried; the first failure is reported after all were tried.
     */
    public void revoke(String user) {
        String replies = Destinations.repliesOf(user);
        BrokerAdministrationException first = null;
        for (Runnable step : new Runnable[] {
                () -> invoke("removeUser", user),
                () -> invoke("closeConnectionsForUser", user),
                () -> invoke("destroyQueue", replies, true, true),
                () -> invoke("removeSecuritySettings", replies)}) {
            try {
                step.run();
            } catch (BrokerAdministrationException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Runs a broker operation; its result as the JSON array text Artemis answers. */
    private String invoke(String operation, Object... parameters) {
        JsonArrayBuilder arguments = Json.createArrayBuilder();
        for (Object p : parameters) {
            if (p instanceof Boolean b) {
                arguments.add(b);
            } else {
                arguments.add(p.toString());
            }
        }
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage request = jms.createTextMessage(arguments.build().toString());
            request.setStringProperty("_AMQ_ResourceName", "broker");
            request.setStringProperty("_AMQ_OperationName", operation);
            request.setJMSReplyTo(replies);
            try (JMSConsumer consumer = jms.createConsumer(replies)) {
                jms.createProducer().send(jms.createQueue(Destinations.MANAGEMENT), request);
                Message reply = consumer.receive(Duration.ofSeconds(timeoutSeconds).toMillis());
                if (reply == null) {
                    throw new BrokerAdministrationException("The broker did not answer '" + operation + "' within "
                            + timeoutSeconds + " seconds.");
                }
                String result = reply.getBody(String.class);
                if (!reply.getBooleanProperty("_AMQ_OperationSucceeded")) {
                    throw new BrokerAdministrationException("The broker refused '" + operation + "': " + result);
                }
                return result;
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw new BrokerAdministrationException("The broker could not be reached for '" + operation + "': " + e.getMessage());
        }
    }
}
