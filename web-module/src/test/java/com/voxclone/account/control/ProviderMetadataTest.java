package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderMetadataTest {

    private static final String ISSUER = "https://login.example.com";

    private static JsonObject document(String issuer) {
        return Json.createObjectBuilder().add("issuer", issuer)
                .add("authorization_endpoint", ISSUER + "/authorize").add("token_endpoint", ISSUER + "/token")
                .add("jwks_uri", ISSUER + "/jwks").build();
    }

    @Test
    void defaultsFollowTheSpecificationWhenTheProviderSaysNothing() {
        ProviderMetadata metadata = ProviderMetadata.from(document(ISSUER), ISSUER);
        assertEquals(URI.create(ISSUER + "/token"), metadata.tokenEndpoint());
        assertEquals(List.of("RS256"), metadata.idTokenAlgorithms());
        assertEquals(List.of("client_secret_basic"), metadata.tokenAuthMethods());
        assertTrue(metadata.endSessionEndpoint().isEmpty());
    }

    @Test
    void theEndSessionEndpointIsReadWhenPublished() {
        JsonObject withLogout = Json.createObjectBuilder(document(ISSUER)).add("end_session_endpoint", ISSUER + "/logout").build();
        assertEquals(URI.create(ISSUER + "/logout"), ProviderMetadata.from(withLogout, ISSUER).endSessionEndpoint().orElseThrow());
    }

    @Test
    void aDocumentForAnotherIssuerIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProviderMetadata.from(document(ISSUER + "/"), ISSUER));
        assertThrows(IllegalArgumentException.class, () -> ProviderMetadata.from(document("https://evil.example.com"), ISSUER));
    }

    @Test
    void aMissingEndpointIsRejected() {
        JsonObject noToken = Json.createObjectBuilder(document(ISSUER)).remove("token_endpoint").build();
        assertThrows(IllegalArgumentException.class, () -> ProviderMetadata.from(noToken, ISSUER));
    }
}
