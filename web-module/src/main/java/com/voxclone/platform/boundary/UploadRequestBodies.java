package com.voxclone.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents the multipart request body of the upload operations. They read the request as a stream (every limit holds
 * while reading), so they take no entity parameter and the server's annotation scanner finds no body to describe (it
 * ignores a method-level {@code @RequestBody} then). Registered as {@code mp.openapi.filter}; the operations are named by
 * their operation id, and {@code OpenApiIT} fails when an operation that consumes multipart/form-data has no body here.
 */
public class UploadRequestBodies implements OASFilter {

    /** Operation id → the form part that carries the file. */
    private static final Map<String, String> FILE_PART = Map.of(
            "cloneVoice", "file",
            "cloneVoices", "file",
            "addSample", "file",
            "convert", "file",
            "record", "consentAudio",
            "detect", "file");

    @Override
    public Operation filterOperation(Operation operation) {
        String part = FILE_PART.get(operation.getOperationId());
        if (part != null && operation.getRequestBody() == null) {
            Schema form = OASFactory.createSchema().type(Schema.SchemaType.OBJECT).required(List.of(part))
                    .addProperty(part, OASFactory.createSchema().type(Schema.SchemaType.STRING).format("binary"));
            operation.setRequestBody(OASFactory.createRequestBody().required(true).description(operation.getDescription())
                    .content(OASFactory.createContent().addMediaType(MediaType.MULTIPART_FORM_DATA,
                            OASFactory.createMediaType().schema(form))));
        }
        return operation;
    }
}
