package io.lurker.tokenpool.problem;

/**
 * The stable {@code type} URIs of Lurker's problem documents. Clients may switch on them;
 * never rename one.
 */
public enum ProblemType {
    INVALID_PARAMETER("invalid-parameter", "A request parameter is invalid"),
    MALFORMED_BODY("malformed-body", "The request body cannot be read"),
    UNAUTHORIZED("unauthorized", "A valid Lurker API token is required"),
    FORBIDDEN("forbidden", "The token's roles do not allow this operation"),
    NOT_FOUND("not-found", "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    CONFLICT("conflict", "The resource is in a conflicting state"),
    UNPROCESSABLE("unprocessable", "The request is well formed but was refused"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation"),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large"),
    RATE_LIMITED("rate-limited", "Too many requests"),
    UPSTREAM_ERROR("upstream-error", "An upstream service failed"),
    UNAVAILABLE("unavailable", "A dependency is unavailable"),
    DEADLINE_EXCEEDED("deadline-exceeded", "The request's deadline passed"),
    HTTP_ERROR("http-error", "HTTP error"),
    INTERNAL("internal", "Internal error");

    private static final String PREFIX = "urn:lurker:problem:";

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** The type a bare HTTP status maps to when no more specific type was given. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_PARAMETER;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> RATE_LIMITED;
            case 502 -> UPSTREAM_ERROR;
            case 503 -> UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> status >= 500 ? INTERNAL : HTTP_ERROR;
        };
    }
}
