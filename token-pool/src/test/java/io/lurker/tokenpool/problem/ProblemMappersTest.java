package io.lurker.tokenpool.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void unexpectedErrorsHideTheirMessageBehindAReference() {
        Response answer = mappers.internal(new IllegalStateException("client_secret was s3cr3t-value"), null);

        Problem problem = (Problem) answer.getEntity();
        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(answer.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(problem.getDetail()).doesNotContain("s3cr3t-value").contains((String) problem.getExtensions().get("reference"));
        assertThat(problem.getType()).isEqualTo("urn:lurker:problem:internal");
    }

    @Test
    void badParameterNamesTheParameter() {
        Response answer = mappers.problem(ProblemException.badParameter("granularity", "must be one of 1m, 5m, 15m, 1h, 1d"), null);

        Problem problem = (Problem) answer.getEntity();
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo("urn:lurker:problem:invalid-parameter");
        assertThat(problem.getDetail()).contains("granularity");
        assertThat(problem.getExtensions()).containsEntry("parameter", "granularity");
    }

    @Test
    void httpStatusesKeepTheirStatusAndGetATypedProblem() {
        Response answer = mappers.http(new NotFoundException(), null);

        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(((Problem) answer.getEntity()).getType()).isEqualTo("urn:lurker:problem:not-found");
    }

    @Test
    void anUnreachableDatabaseIsA503AndOtherSqlErrorsStayInternal() {
        Response down = mappers.database(new java.sql.SQLException("Connection to 127.0.0.1:5432 refused", "08001"), null);
        assertThat(down.getStatus()).isEqualTo(503);
        assertThat(down.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) down.getEntity()).getType()).isEqualTo(ProblemType.UNAVAILABLE.uri());
        Response broken = mappers.database(new java.sql.SQLException("syntax error at or near", "42601"), null);
        assertThat(broken.getStatus()).isEqualTo(500);
        assertThat(((Problem) broken.getEntity()).getDetail()).doesNotContain("syntax");
    }

    @Test
    void unavailableAndDeadlineProblemsSayWhenToComeBack() {
        Response given = mappers.problem(new ProblemException(ProblemType.UNAVAILABLE, 503, "Twitch's rate limit is used up",
                java.util.Map.of(ProblemException.RETRY_AFTER_SECONDS, 42L)), null);
        assertThat(given.getHeaderString("Retry-After")).isEqualTo("42");
        assertThat(((Problem) given.getEntity()).getExtensions()).containsEntry(ProblemException.RETRY_AFTER_SECONDS, 42L);
        assertThat(mappers.problem(ProblemException.unavailable("RabbitMQ is down"), null).getHeaderString("Retry-After"))
                .isEqualTo("5");
        assertThat(mappers.problem(new ProblemException(ProblemType.DEADLINE_EXCEEDED, 504, "too slow"), null)
                .getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(mappers.problem(ProblemException.notFound("no such thing"), null).getHeaderString("Retry-After")).isNull();
    }
}
