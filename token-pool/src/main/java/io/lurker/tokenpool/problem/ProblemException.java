package io.lurker.tokenpool.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by resources and services to answer with a problem document. The message is the
 * {@code detail} shown to the caller, so it must never carry a secret.
 */
public class ProblemException extends RuntimeException {

    /**
     * Extension naming the seconds after which a retry may succeed; the answer then also carries
     * it as {@code Retry-After} (see {@link ProblemMappers}).
     */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final ProblemType type;
    private final int status;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, int status, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public ProblemException(ProblemType type, int status, String detail) {
        this(type, status, detail, null);
    }

    /** With the underlying cause kept for logs; the cause's message never reaches the caller. */
    protected ProblemException(ProblemType type, int status, String detail, Map<String, Object> extensions, Throwable cause) {
        super(detail, cause, false, false);
        this.type = type;
        this.status = status;
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    /** 400 naming the offending parameter, e.g. {@code badParameter("granularity", "must be one of 1m, 5m")}. */
    public static ProblemException badParameter(String parameter, String reason) {
        return new ProblemException(ProblemType.INVALID_PARAMETER, 400,
                "Parameter '" + parameter + "' " + reason, Map.of("parameter", parameter));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, 404, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, 409, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(ProblemType.UNPROCESSABLE, 422, detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.UNAVAILABLE, 503, detail);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
