package com.voxclone.audit.boundary;

import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail for administrators: searched and filtered, or exported as CSV. */
@Path("admin/audit")
@RequestScoped
@AdministratorsOnly
public class AuditResource {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;
    static final int MAX_EXPORT = 100_000;
    private static final String FILTERS = "Filters (all optional): userId, actorId (UUIDs), voiceId, action (an action, or "
            + "a family such as consent or voice), from and to (ISO-8601 instants, from inclusive, to exclusive), watermarkId (the "
            + "id a detected watermark carries).";

    @Inject
    AuditTrail audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search the audit trail", description = FILTERS + " limit: 1-" + MAX_LIMIT + " (default "
            + DEFAULT_LIMIT + "). Newest first.")
    public JsonArray search(@QueryParam("userId") String userId, @QueryParam("actorId") String actorId,
            @QueryParam("voiceId") String voiceId, @QueryParam("action") String action, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("watermarkId") String watermarkId, @QueryParam("limit") Integer limit) {
        List<Violation> problems = new ArrayList<>();
        AuditTrail.Filter filter = filter(userId, actorId, voiceId, action, from, to, watermarkId, problems);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            problems.add(new Violation("limit", "limit must be from 1 to " + MAX_LIMIT + ", was " + limit));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        audit.search(filter, limit == null ? DEFAULT_LIMIT : limit).forEach(e -> list.add(AuditView.of(e)));
        return list.build();
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(summary = "Export the audit trail as CSV", description = FILTERS + " At most " + MAX_EXPORT
            + " events, newest first; one header row.")
    public Response export(@QueryParam("userId") String userId, @QueryParam("actorId") String actorId,
            @QueryParam("voiceId") String voiceId, @QueryParam("action") String action, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("watermarkId") String watermarkId) {
        List<Violation> problems = new ArrayList<>();
        AuditTrail.Filter filter = filter(userId, actorId, voiceId, action, from, to, watermarkId, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        StringBuilder csv = new StringBuilder("id,at,action,wayIn,actorId,userId,voiceId,textSha256,watermarkId,detail\r\n");
        for (AuditEvent e : audit.search(filter, MAX_EXPORT)) {
            csv.append(String.join(",", cell(e.getId()), cell(e.getAt().toInstant()), cell(e.getAction()), cell(e.getWayIn()),
                    cell(e.getActorId()), cell(e.getUserId()), cell(e.getVoiceId()), cell(e.getTextSha256()), cell(e.getWatermarkId()), cell(e.getDetail())))
                    .append("\r\n");
        }
        return Response.ok(csv.toString(), new MediaType("text", "csv", "UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"voxclone-audit.csv\"").build();
    }

    /**
     * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a text starting with =, +, - or @ is
     * prefixed with an apostrophe so that a spreadsheet opening the export does not run it as a formula.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        return s.matches("(?s).*[,\"\\r\\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static AuditTrail.Filter filter(String userId, String actorId, String voiceId, String action, String from,
            String to, String watermarkId, List<Violation> problems) {
        return new AuditTrail.Filter(parsed("userId", userId, UUID::fromString, "a UUID", problems),
                parsed("actorId", actorId, UUID::fromString, "a UUID", problems),
                Optional.ofNullable(voiceId).filter(v -> !v.isBlank()), Optional.ofNullable(action).filter(v -> !v.isBlank()),
                parsed("from", from, OffsetDateTime::parse, "an ISO-8601 instant such as 2026-12-01T00:00:00Z", problems),
                parsed("to", to, OffsetDateTime::parse, "an ISO-8601 instant such as 2026-12-02T00:00:00Z", problems),
                parsed("watermarkId", watermarkId, Long::valueOf, "a whole number", problems));
    }

    private static <T> Optional<T> parsed(String field, String value, Function<String, T> parse, String what,
            List<Violation> problems) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value.strip()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(new Violation(field, field + " must be " + what + ", was '" + value + "'"));
            return Optional.empty();
        }
    }
}
