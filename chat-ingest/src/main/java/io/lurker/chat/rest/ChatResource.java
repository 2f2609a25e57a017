package io.lurker.chat.rest;

import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.service.ChatImportService;
import io.lurker.chat.service.ChatLinesReader;
import io.lurker.chat.service.ConvertedLine;
import io.lurker.chat.service.ImportResult;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Raw IRC lines in: parsed for inspection, or imported into the live pipeline. */
@Path("/api/v1/chat")
@Tag(name = "Chat", description = "Parse raw IRC chat lines and import chat logs")
@SecurityRequirement(name = "bearer")
public class ChatResource {

    private static final String LINE_EXAMPLE = "@badge-info=;badges=;color=#1E90FF;display-name=Viewer;emotes=25:0-4;"
            + "id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;room-id=1337;tmi-sent-ts=1714564800000;user-id=42 "
            + ":viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #channel :Kappa hello";
    private static final String CHANNEL_DOC = "Channel login the lines came from; used only for unparsed lines "
            + "that name no channel themselves";

    private final ChatImportService service;
    private final ChatLinesReader reader;
    private final ChatConfig config;

    public ChatResource(ChatImportService service, ChatLinesReader reader, ChatConfig config) {
        this.service = service;
        this.reader = reader;
        this.config = config;
    }

    @POST
    @Path("/parse")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Parse raw IRC lines (one per line) into the records chat-ingest would publish; nothing is published")
    @RequestBody(content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "privmsg", value = LINE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "One entry per non-blank line, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParsedLineView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
                    examples = @ExampleObject(name = "privmsg", value = "[{\"index\":0,\"disposition\":\"message\",\"kind\":\"privmsg\",\"irc\":{\"command\":\"PRIVMSG\"},\"message\":{\"id\":\"b34ccfc7-4977-403a-8a94-33c6bac34fb8\",\"text\":\"Kappa hello\",\"emotes\":[{\"provider\":\"twitch\",\"id\":\"25\",\"name\":\"Kappa\",\"count\":1}]}}]")))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than lurker.chat.parse.max-body-bytes", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "too large", value = "{\"type\":\"urn:lurker:problem:payload-too-large\",\"title\":\"The request body is too large\",\"status\":413,\"detail\":\"The body is larger than 1048576 bytes; split it into several requests\",\"limitBytes\":1048576}")))
    public List<ParsedLineView> parseText(InputStream body, @HeaderParam("Content-Length") Long contentLength,
            @Parameter(description = CHANNEL_DOC) @QueryParam("channel") String channel) {
        return views(service.parseLines(reader.readText(body, contentLength, config.parse().maxBodyBytes()), channel));
    }

    @POST
    @Path("/parse")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Parse raw IRC lines given as a JSON array of strings (or {raw, receivedAt} objects); nothing is published")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "lines", value = "[\"PING :tmi.twitch.tv\"]")))
    @APIResponse(responseCode = "200", description = "One entry per non-blank line, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParsedLineView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
                    examples = @ExampleObject(name = "ping", value = "[{\"index\":0,\"disposition\":\"ignored\",\"kind\":\"ping\",\"irc\":{\"tags\":{},\"command\":\"PING\",\"params\":[\"tmi.twitch.tv\"]}}]")))
    @APIResponse(responseCode = "400", description = "Not a JSON array of lines", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than lurker.chat.parse.max-body-bytes", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ParsedLineView> parseJson(InputStream body, @HeaderParam("Content-Length") Long contentLength,
            @Parameter(description = CHANNEL_DOC) @QueryParam("channel") String channel) {
        return views(service.parseLines(reader.readJson(body, contentLength, config.parse().maxBodyBytes()), channel));
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Import a raw IRC chat log (one line per line) through the live pipeline, as source 'import'")
    @RequestBody(content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "log", value = LINE_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Every line was accepted for publishing; the counts say what each became",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportResult.class),
                    examples = @ExampleObject(name = "counts", value = "{\"accepted\":3,\"messages\":2,\"events\":0,\"unparsed\":1,\"ignored\":0}")))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than lurker.chat.import.max-body-bytes; nothing was imported", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Interrupted (shutdown) part-way; the detail says how many lines were accepted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importText(InputStream body, @HeaderParam("Content-Length") Long contentLength,
            @Parameter(description = CHANNEL_DOC) @QueryParam("channel") String channel) {
        ImportResult result = service.importLines(reader.readText(body, contentLength, config.importApi().maxBodyBytes()), channel);
        return Response.accepted(result).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Import raw IRC lines given as a JSON array of strings or {raw, receivedAt} objects, as source 'import'")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "lines",
            value = "[{\"raw\":\"@id=1;room-id=1;tmi-sent-ts=1714564800000 :a!a@a.tmi.twitch.tv PRIVMSG #channel :hi\",\"receivedAt\":\"2024-05-01T12:00:00Z\"}]")))
    @APIResponse(responseCode = "202", description = "Every line was accepted for publishing; the counts say what each became",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON array of lines, or a bad receivedAt", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than lurker.chat.import.max-body-bytes; nothing was imported", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Interrupted (shutdown) part-way; the detail says how many lines were accepted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importJson(InputStream body, @HeaderParam("Content-Length") Long contentLength,
            @Parameter(description = CHANNEL_DOC) @QueryParam("channel") String channel) {
        ImportResult result = service.importLines(reader.readJson(body, contentLength, config.importApi().maxBodyBytes()), channel);
        return Response.accepted(result).type(MediaType.APPLICATION_JSON).build();
    }

    private static List<ParsedLineView> views(List<ConvertedLine> lines) {
        List<ParsedLineView> views = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            views.add(ParsedLineView.of(i, lines.get(i)));
        }
        return views;
    }
}
