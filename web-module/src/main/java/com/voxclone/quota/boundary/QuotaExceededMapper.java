package com.voxclone.quota.boundary;

import com.voxclone.platform.boundary.Problem;
import com.voxclone.quota.entity.Quota;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;

/**
 * A quota the request would exceed: 429 with {@code Retry-After} where waiting frees room (running jobs, the daily
 * speech allowance), 409 where only deleting something does (voices, stored audio).
 */
@Provider
public class QuotaExceededMapper implements ExceptionMapper<QuotaExceededException> {

    @Override
    public Response toResponse(QuotaExceededException e) {
        return problem(e.quota(), e.getMessage()).with("limit", e.limit()).with("used", e.used()).response();
    }

    /** The problem for {@code quota}, for callers that know only which quota was reached and why. */
    public static Problem.Builder problem(Quota quota, String detail) {
        Problem.Builder problem = Problem.of(quota.freedByWaiting() ? 429 : 409, "quota-exceeded", "Quota reached", detail)
                .with("quota", quota.field());
        quota.retryAfter(Instant.now()).ifPresent(wait -> problem.header("Retry-After", Long.toString(wait.toSeconds())));
        return problem;
    }
}
