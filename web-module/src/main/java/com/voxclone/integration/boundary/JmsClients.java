package com.voxclone.integration.boundary;

import com.voxclone.account.boundary.AccountService;
import com.voxclone.account.entity.Caller;
import com.voxclone.account.entity.User;
import com.voxclone.integration.control.BrokerAccounts;
import com.voxclone.integration.control.BrokerAdministrationException;
import com.voxclone.integration.control.JmsClientStore;
import com.voxclone.integration.entity.JmsClient;
import com.voxclone.platform.boundary.Problem;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Integration accounts of enterprise systems: a broker account each, acting for one user. Outside any transaction:
 * the broker is administered over its management address, which answers only once a request has left, and the
 * database row commits on its own, after the broker account exists (and before it is removed, when revoked).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JmsClients {

    private static final Logger LOG = Logger.getLogger(JmsClients.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    JmsClientStore store;

    @Inject
    BrokerAccounts broker;

    @Inject
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "voxclone.broker.public-url", defaultValue = "tcp://localhost:61616")
    String brokerUrl;

    /** A new account and the password it signs on with, shown this once. */
    public record Created(JmsClient client, String password, String brokerUrl) {
    }

    public Created create(String name, UUID userId) {
        User owner = accounts.user(userId).orElseThrow(() -> Problem.notFound("There is no user '" + userId + "'."));
        if (!owner.isActive()) {
            throw Problem.of(Response.Status.CONFLICT, "user-disabled", "User disabled", "User '" + owner.getName()
                    + "' is disabled; enable the user before giving an enterprise system access on their behalf.").build();
        }
        String username = "client-" + HexFormat.of().formatHex(random(6));
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
        try {
            broker.create(username, password, userId);
            return new Created(store.insert(name, userId, username), password, brokerUrl);
        } catch (RuntimeException e) {
            removeQuietly(username);
            if (e instanceof BrokerAdministrationException) {
                throw unavailable(e.getMessage());
            }
            throw e;
        }
    }

    public List<JmsClient> all() {
        return store.all();
    }

    public Optional<JmsClient> find(UUID id) {
        return store.find(id);
    }

    /**
     * Revokes the account: requests signed with it are refused from now on, and the broker disconnects it and
     * forgets it. Revoking again repeats the broker's part.
     */
    public JmsClient revoke(UUID id) {
        JmsClient client = store.find(id).orElseThrow(() -> Problem.notFound("There is no integration account '" + id + "'."));
        boolean first = store.revoke(id);
        try {
            // Again on a repeated revocation: the broker may have been away the first time.
            broker.revoke(client.username());
        } catch (BrokerAdministrationException e) {
            // Revoked in the database already: every request it sends is refused. The broker account may be left over.
            LOG.log(Level.WARNING, "Integration account " + client.username() + " is revoked, but the broker could not "
                    + "remove it (again): " + e.getMessage());
            if (first) {
                throw unavailable("The account is revoked and its requests are refused, but the broker could not remove it "
                        + "(" + e.getMessage() + "); revoke it again when the broker is back.");
            }
        }
        return store.find(id).orElseThrow();
    }

    /** The user a request signed on as {@code brokerUser} acts for, if that account is not revoked and its user not disabled. */
    public Optional<Caller> callerFor(String brokerUser) {
        return store.active(brokerUser).flatMap(c -> accounts.user(c.userId())).filter(User::isActive)
                .map(u -> new Caller(u.getId(), u.getName(), u.getRole()));
    }

    private void removeQuietly(String username) {
        try {
            broker.revoke(username);
        } catch (BrokerAdministrationException e) {
            LOG.log(Level.FINE, "Nothing left of " + username + " to remove: " + e.getMessage());
        }
    }

    private static Problem unavailable(String detail) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable", detail)
                .header("Retry-After", "10").build();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
