package io.lurker.auth.apitokens;

import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lurker API tokens (JWTs every service verifies): issue, list, revoke. */
@Path("/api/v1/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "api-tokens")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.ADMIN)
public class ApiTokenResource {

    /** {@code ttl}: ISO-8601 ({@code PT1H}) or short ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}). */
    public record IssueRequest(String subject, Set<String> roles, String ttl) {
    }

    private final ApiTokenService service;

    @Inject
    public ApiTokenResource(ApiTokenService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a Lurker API token", description = "The answer is the only place the token appears; it is not stored.")
    public Uni<Response> issue(IssueRequest request) {
        if (request == null) {
            throw ProblemException.badParameter("body", "must be {\"subject\",\"roles\",\"ttl\"}");
        }
        return service.issue(request.subject(), request.roles(), Optional.ofNullable(request.ttl()).map(ApiTokenResource::duration))
                .map(issued -> Response.status(201).entity(issued).build());
    }

    @GET
    @Operation(summary = "Unexpired tokens issued here (without the tokens), with their revocation state")
    public Uni<List<ApiTokenService.IssuedView>> list() {
        return service.issued();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a token by its id (jti); every service refuses it within a second",
            description = "expiresAt (RFC 3339) bounds how long the revocation is kept for a token not issued here (e.g. minted by token.sh); default now + max-ttl.")
    public Uni<Response> revoke(@PathParam("id") String id, @QueryParam("expiresAt") String expiresAt) {
        Optional<Instant> until;
        try {
            until = Optional.ofNullable(expiresAt).filter(s -> !s.isBlank()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter("expiresAt", "must be an RFC 3339 instant");
        }
        // a revocation is kept until the token's expiry: a time before now or past year 9999 is no expiry
        if (until.isPresent() && (until.get().isBefore(Instant.EPOCH) || until.get().isAfter(LATEST_EXPIRY))) {
            throw ProblemException.badParameter("expiresAt", "must be between 1970 and 9999");
        }
        return service.revoke(id, until).map(exp -> Response.noContent().build());
    }

    private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw ProblemException.badParameter("ttl", "must be a duration like PT1H, 90s, 15m, 1h or 7d");
        }
    }
}
