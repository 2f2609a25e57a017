package io.lurker.gql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.gql.service.GqlCall;
import io.lurker.gql.service.GqlExecutor;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/gql/query")
@Tag(name = "GraphQL proxy", description = "Persisted operations by name: hashes, integrity and retries handled here")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GqlQueryResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GqlExecutor gql;

    public GqlQueryResource(GqlExecutor gql) {
        this.gql = gql;
    }

    @POST
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Run one persisted operation ({operationName, variables}) or a batch (array); answers the data of each")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "stream metadata",
            value = "{\"operationName\":\"StreamMetadata\",\"variables\":{\"channelLogin\":\"twitch\"}}")))
    @APIResponse(responseCode = "200", description = "The operation's data (an array for a batch)")
    @APIResponse(responseCode = "400", description = "Unknown operation or malformed request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "Twitch's GraphQL answered an error (its message is in detail)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled, or no integrity token for a guarded operation", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public JsonNode query(JsonNode body) {
        gql.requireEnabled();
        if (body == null || !(body.isObject() || body.isArray())) {
            throw ProblemException.badParameter("body", "must be {operationName, variables} or an array of them");
        }
        List<GqlCall> calls = new ArrayList<>();
        for (JsonNode item : body.isArray() ? body : List.of(body)) {
            String operation = item.path("operationName").asText("");
            if (operation.isBlank()) {
                throw ProblemException.badParameter("operationName", "is required");
            }
            JsonNode variables = item.path("variables");
            if (!variables.isMissingNode() && !variables.isNull() && !variables.isObject()) {
                throw ProblemException.badParameter("variables", "must be an object");
            }
            calls.add(new GqlCall(operation, variables.isObject() ? (ObjectNode) variables : JSON.createObjectNode()));
        }
        List<JsonNode> data = gql.execute(calls);
        if (body.isArray()) {
            ArrayNode answers = JSON.createArrayNode();
            data.forEach(answers::add);
            return answers;
        }
        return data.get(0);
    }
}
