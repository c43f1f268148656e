package com.voxclone.audio.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an upload whose declared length is already over the limit before any of it is read. Uploads without
 * a declared length are cut off while being streamed instead ({@link MultipartUpload}).
 */
@Provider
@UploadLimited
public class UploadSizeGuard implements ContainerRequestFilter {

    /** Room for the multipart framing and the text fields around the file. */
    private static final long FORM_OVERHEAD = 1024 * 1024;

    @Inject
    MediaInspector inspector;

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        try {
            long declared = Long.parseLong(length.trim());
            long max = inspector.limits().maxBytes();
            if (declared > max + FORM_OVERHEAD) {
                throw MediaRejectedException.tooLarge(declared, max);
            }
        } catch (NumberFormatException ignored) {
            // the container rejects a malformed length itself
        }
    }
}
