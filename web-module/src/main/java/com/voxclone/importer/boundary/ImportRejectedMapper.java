package com.voxclone.importer.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A URL that cannot be imported: 422 with the reason in plain words. */
@Provider
public class ImportRejectedMapper implements ExceptionMapper<ImportRejectedException> {

    @Override
    public Response toResponse(ImportRejectedException e) {
        return Problem.of(422, "import-rejected", "Cannot import", e.getMessage()).build().getResponse();
    }
}
