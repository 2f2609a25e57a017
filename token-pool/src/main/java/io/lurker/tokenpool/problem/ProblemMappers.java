package io.lurker.tokenpool.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that leaves a resource into an RFC 7807 answer. No stack trace and
 * no exception message of an unexpected error reaches the caller: they get a reference id
 * that is logged with the cause.
 *
 * <p>Services must set {@code quarkus.http.auth.proactive=false} so that authentication
 * failures reach these mappers instead of answering an empty 401.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /**
     * A problem raised on purpose. A 503 or 504 always says when to come back: {@code Retry-After}
     * is the {@link ProblemException#RETRY_AFTER_SECONDS} extension when given, else
     * {@value #DEFAULT_RETRY_AFTER_SECONDS} s.
     */
    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = new Problem(e.type(), e.status(), e.getMessage(), path(uri), e.extensions());
        Object retryAfter = e.extensions().get(ProblemException.RETRY_AFTER_SECONDS);
        if (retryAfter == null && (e.status() == 503 || e.status() == 504)) {
            retryAfter = DEFAULT_RETRY_AFTER_SECONDS;
        }
        Response.ResponseBuilder answer = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            answer.header("Retry-After", retryAfter.toString());
        }
        return answer.build();
    }

    static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response.ResponseBuilder answer = Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(new Problem(ProblemType.UNAUTHORIZED, 401,
                        "Send a valid, unexpired and unrevoked Lurker API token as 'Authorization: Bearer <token>'",
                        path(uri), null));
        return answer.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(ProblemType.FORBIDDEN, 403,
                "The token does not carry a role allowed to call this operation", path(uri), null));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem(ProblemType.MALFORMED_BODY, 400,
                "The JSON body cannot be read: " + e.getOriginalMessage(), path(uri), null));
    }

    /**
     * A database that cannot be reached (SQLSTATE class 08, or 57P01-57P03: shut down, crashed,
     * starting) is a 503 the client may retry, not an internal error; any other SQL failure is one.
     */
    @ServerExceptionMapper
    public Response database(java.sql.SQLException e, UriInfo uri) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
            LOG.warnf("Database unavailable (SQLSTATE %s) while answering %s", state, path(uri));
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(new Problem(ProblemType.UNAVAILABLE, 503, "The database is unavailable; retry in a few seconds",
                            path(uri), null)).build();
        }
        return internal(e, uri);
    }

    /** Wins over Quarkus' built-in mapper of this type, whose answer is plain JSON naming the Java class. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        String expected = e.getTargetType() == null ? "another type" : jsonKind(e.getTargetType());
        return respond(new Problem(ProblemType.MALFORMED_BODY, 400,
                field == null ? "The JSON body has the wrong shape: expected " + expected
                        : "The JSON body's field '" + field + "' has the wrong type or form: expected " + expected,
                path(uri), field == null ? null : Map.of("field", field)));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new Problem(ProblemType.forStatus(status), status, reason, path(uri), null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, reference %s", reference);
        return respond(new Problem(ProblemType.INTERNAL, 500,
                "Internal error; quote reference " + reference + " when reporting it",
                path(uri), Map.of("reference", reference)));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** How a Java type reads in JSON, without naming internal classes. */
    private static String jsonKind(Class<?> type) {
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class || type.isEnum() || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        return "an object";
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
