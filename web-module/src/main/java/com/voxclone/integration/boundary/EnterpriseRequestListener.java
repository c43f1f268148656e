package com.voxclone.integration.boundary;

import com.voxclone.messaging.entity.Destinations;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Takes enterprise systems' requests on the web nodes, four at a time per node. No transaction around the message: a
 * request may take minutes (long speech, a download) and its steps commit themselves (the job with its message, as for
 * HTTP). Every request is answered once. A message no request can be read from is answered with an error and then
 * refused, so the broker moves it to {@value Destinations#REQUESTS_DEAD_LETTERS} (the request queue allows a single
 * delivery); the same happens to a request whose node stops before answering: send it again with the same
 * idempotency key.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.REQUESTS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EnterpriseRequestListener implements MessageListener {

    @Inject
    EnterpriseRequests requests;

    @Override
    public void onMessage(Message message) {
        if (!requests.answer(message)) {
            throw new UnreadableRequestException();
        }
    }
}
