package com.voxclone.audio.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an upload whose declared length is already over the limit before any of it is read. Uploads without
 * a declared length are refused while being read instead, as soon as they pass the limit ({@link MultipartUpload}).
 * Also starts the upload's clock: it must have arrived within {@code voxclone.upload.max-seconds}.
 */
@Provider
@UploadLimited
public class UploadSizeGuard implements ContainerRequestFilter {

    @Inject
    MediaInspector inspector;

    @Inject
    @ConfigProperty(name = "voxclone.upload.max-seconds", defaultValue = "300")
    long maxSeconds;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(MultipartUpload.DEADLINE_ATTRIBUTE, MultipartUpload.Deadline.in(maxSeconds));
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        try {
            long declared = Long.parseLong(length.trim());
            long max = inspector.limits().maxBytes();
            if (declared > max + MultipartUpload.FORM_OVERHEAD) {
                throw MediaRejectedException.tooLarge(declared, max);
            }
        } catch (NumberFormatException ignored) {
            // the container rejects a malformed length itself
        }
    }
}
