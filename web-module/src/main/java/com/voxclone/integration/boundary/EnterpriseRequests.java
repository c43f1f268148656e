package com.voxclone.integration.boundary;

import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.importer.boundary.Imports;
import com.voxclone.integration.control.ReplyProblems;
import com.voxclone.job.boundary.CloneSubmission;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.EnterpriseReply;
import com.voxclone.messaging.entity.EnterpriseRequest;
import com.voxclone.platform.boundary.Idempotency;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.speech.boundary.SpokenFiles;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers the requests of enterprise systems (see {@link EnterpriseRequest}). Each is done for the user its broker
 * account acts for, through the same services and checks as that user's HTTP calls (voice ownership, limits, quotas,
 * idempotency), and answered like HTTP would answer it ({@link EnterpriseReply}). Outside any transaction, like the
 * HTTP resources: the services commit their own steps, and the reply leaves at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EnterpriseRequests {

    private static final Logger LOG = Logger.getLogger(EnterpriseRequests.class.getName());

    @Inject
    JmsClients clients;

    @Inject
    Imports imports;

    @Inject
    CloneSubmission submission;

    @Inject
    SpokenFiles speech;

    @Inject
    Idempotency idempotency;

    @Inject
    MediaInspector inspector;

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "voxclone.requests.max-json-characters", defaultValue = "1048576")
    int maxJsonCharacters;

    /**
     * Does what the message asks and answers it on its JMSReplyTo, if it has one.
     *
     * @return false when no request could be read from the message (it was answered with why): it belongs in the
     *         dead-letter queue
     */
    public boolean answer(Message message) {
        EnterpriseRequest.Read read = EnterpriseRequest.read(message, inspector.limits().maxBytes(), maxJsonCharacters);
        Optional<String> sender = sender(message);
        Optional<Destination> replyTo = replyTo(message);
        if (read instanceof EnterpriseRequest.Unreadable unreadable) {
            LOG.info(() -> "A message on " + Destinations.REQUESTS + " was refused: " + unreadable.reason());
            // Only to the sender's own reply queue, whatever the message names: no reply is sent anywhere else.
            if (replyTo.isPresent() && sender.isPresent()) {
                replyToOwnQueue(message, sender.get(), unreadable(unreadable));
            }
            return false;
        }
        EnterpriseRequest request = ((EnterpriseRequest.Readable) read).request();
        if (replyTo.isPresent() && !Destinations.repliesOf(request.sender()).equals(queueName(replyTo.get()))) {
            // Answers go only where this account may read them; the error goes to its own reply queue.
            replyToOwnQueue(message, request.sender(), problem(400, "invalid-reply-to", "Invalid JMSReplyTo",
                    "JMSReplyTo must be this account's own reply queue, " + Destinations.repliesOf(request.sender())
                            + ", or left empty."));
            return true;
        }
        Response answer = done(request);
        try {
            reply(message, replyTo, answer);
        } finally {
            if (answer.getEntity() instanceof SpokenFiles.Spoken spoken) {
                deleteQuietly(spoken.file());
            }
        }
        return true;
    }

    private void replyToOwnQueue(Message message, String sender, Response answer) {
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            reply(message, Optional.of(jms.createQueue(Destinations.repliesOf(sender))), answer);
        }
    }

    /** What HTTP would answer the request's owner; every failure, the database's too, answered as a problem. */
    private Response done(EnterpriseRequest request) {
        try {
            Optional<Caller> owner = clients.callerFor(request.sender());
            if (owner.isEmpty()) {
                return problem(403, "not-an-integration-account", "Not an integration account", "The broker account '"
                        + request.sender() + "' may not send requests: it is not an integration account, it was revoked, "
                        + "or the user it acts for is disabled. An administrator creates accounts at /api/admin/jms-clients.");
            }
            Caller caller = owner.get();
            return switch (request.kind()) {
                case CLONE -> request.recording().isPresent() ? cloneFromRecording(caller, request) : cloneFromUrl(caller, request);
                case SPEECH -> speak(caller, request);
            };
        } catch (RuntimeException e) {
            return ReplyProblems.of(e);
        }
    }

    private Response cloneFromUrl(Caller caller, EnterpriseRequest request) {
        return idempotency.once(caller.userId(), request.idempotencyKey().orElse(null), () -> Idempotency.of(request.body()),
                () -> imports.cloneFromUrl(caller, request.body()));
    }

    private Response cloneFromRecording(Caller caller, EnterpriseRequest request) {
        Path recording = null;
        try {
            recording = Files.createTempFile("voxclone-request-", ".media");
            copy(request.recording().orElseThrow(), recording);
            Path file = recording;
            return idempotency.once(caller.userId(), request.idempotencyKey().orElse(null),
                    () -> Idempotency.of(request.fields(), file), () -> submission.submit(caller, request.fields(), file));
        } catch (IOException e) {
            throw new UncheckedIOException("the recording could not be stored for checking", e);
        } finally {
            deleteQuietly(recording);
        }
    }

    /** The spoken file as the answer's entity; deleted once answered. */
    private Response speak(Caller caller, EnterpriseRequest request) {
        try {
            SpokenFiles.Spoken spoken = speech.speakNow(caller.userId(), request.body());
            return Response.ok(spoken).type(spoken.contentType()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("the spoken audio could not be written", e);
        }
    }

    private void reply(Message request, Optional<Destination> replyTo, Response answer) {
        if (replyTo.isEmpty()) {
            return;
        }
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Message reply;
            if (answer.getEntity() instanceof SpokenFiles.Spoken spoken) {
                try (InputStream audio = Files.newInputStream(spoken.file())) {
                    reply = EnterpriseReply.audio(jms, request, spoken.contentType(), audio, spoken.durationMillis());
                }
            } else {
                Object type = answer.getHeaders().getFirst("Content-Type");
                reply = EnterpriseReply.json(jms, request, answer.getStatus(),
                        type == null ? "application/json" : type.toString(), String.valueOf(answer.getEntity()),
                        Optional.ofNullable(answer.getHeaderString("Retry-After")));
            }
            jms.createProducer().send(replyTo.get(), reply);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The reply to a request on " + Destinations.REQUESTS + " could not be sent", e);
        }
    }

    private static Response unreadable(EnterpriseRequest.Unreadable unreadable) {
        return unreadable.tooLarge()
                ? problem(413, "request-too-large", "Request too large", unreadable.reason())
                : problem(400, "unreadable-request", "Unreadable request", "The message is not a request VoxClone can read: "
                        + unreadable.reason() + ". See the README's JMS section for the contract.");
    }

    private static Response problem(int status, String type, String title, String detail) {
        return Problem.of(status, type, title, detail).build().getResponse();
    }

    private static Optional<String> sender(Message message) {
        try {
            return Optional.ofNullable(message.getStringProperty(EnterpriseRequest.VALIDATED_USER));
        } catch (JMSException e) {
            return Optional.empty();
        }
    }

    private static Optional<Destination> replyTo(Message message) {
        try {
            return Optional.ofNullable(message.getJMSReplyTo());
        } catch (JMSException e) {
            return Optional.empty();
        }
    }

    private static String queueName(Destination destination) {
        try {
            return destination instanceof Queue q ? q.getQueueName() : "";
        } catch (JMSException e) {
            return "";
        }
    }

    private static void copy(BytesMessage message, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = message.readBytes(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (JMSException e) {
            throw new IOException("the recording could not be read from the message: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.FINE, "Temporary file " + file + " could not be deleted", e);
            }
        }
    }
}
