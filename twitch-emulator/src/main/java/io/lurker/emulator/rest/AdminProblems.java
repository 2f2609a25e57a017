package io.lurker.emulator.rest;

import io.lurker.emulator.config.EmulatorConfig;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The admin API's guard and error answers: {@code X-Emulator-Admin-Key} when
 * {@code lurker.emulator.admin-key} is set, and RFC 7807 problems for bad input (never a
 * stack trace).
 */
public class AdminProblems {

    public static final String ADMIN_KEY_HEADER = "X-Emulator-Admin-Key";
    private static final Logger LOG = Logger.getLogger(AdminProblems.class);

    private final EmulatorConfig config;

    public AdminProblems(EmulatorConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response checkAdminKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/emulator") || config.adminKey().isEmpty()) {
            return null;
        }
        String given = request.getHeaderString(ADMIN_KEY_HEADER);
        byte[] expected = config.adminKey().get().getBytes(StandardCharsets.UTF_8);
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return problem(401, "unauthorized", "Send the emulator's admin key in " + ADMIN_KEY_HEADER, path);
    }

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, UriInfo uri) {
        return problem(400, "invalid-parameter", e.getMessage(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response badTime(DateTimeParseException e, UriInfo uri) {
        return problem(400, "invalid-parameter", "'" + e.getParsedString() + "' is not an RFC 3339 instant or ISO-8601 duration",
                uri.getPath());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return problem(404, "not-found", e.getMessage(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        return problem(status, status == 400 ? "malformed-body" : "http-error", e.getResponse().getStatusInfo().getReasonPhrase(),
                uri.getPath());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, reference %s", reference);
        return problem(500, "internal", "Internal error; quote reference " + reference, uri.getPath());
    }

    static Response problem(int status, String type, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:lurker:problem:" + type);
        body.put("title", type.replace('-', ' '));
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }

    /** A 404 of the admin API. */
    public static class NotFoundProblem extends RuntimeException {
        public NotFoundProblem(String message) {
            super(message, null, false, false);
        }
    }
}
