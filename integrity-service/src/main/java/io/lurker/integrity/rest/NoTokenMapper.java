package io.lurker.integrity.rest;

import io.lurker.integrity.service.NoTokenException;
import io.lurker.tokenpool.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The 503 problem of "no token now", with {@code Retry-After} when a later capture can give one. */
public class NoTokenMapper {

    @ServerExceptionMapper
    public Response noToken(NoTokenException e, UriInfo uri) {
        Response.ResponseBuilder answer = Response.status(503).type(Problem.MEDIA_TYPE)
                .entity(new Problem(e.type(), 503, e.getMessage(), uri == null ? null : uri.getPath(), e.extensions()));
        if (e.retryAfterSeconds() != null) {
            answer.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return answer.build();
    }
}
