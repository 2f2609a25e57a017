package io.lurker.emulator.helix;

/** A Helix error answer: {@code {"error":"Bad Request","status":400,"message":"..."}}. */
public class HelixException extends RuntimeException {

    private final int status;

    public HelixException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HelixException badRequest(String message) {
        return new HelixException(400, message);
    }

    public static HelixException malformed(String parameter, String reason) {
        return new HelixException(400, "The parameter \"" + parameter + "\" was malformed: " + reason);
    }

    public static HelixException missing(String parameter) {
        return new HelixException(400, "Missing required parameter \"" + parameter + "\"");
    }

    public static HelixException notFound(String message) {
        return new HelixException(404, message);
    }

    public static String reason(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 410: return "Gone";
            case 429: return "Too Many Requests";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return status >= 500 ? "Internal Server Error" : "Error";
        }
    }
}
