package io.lurker.tokenpool.problem;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses path and query parameters that no Lurker API accepts and that databases and logs
 * handle badly: a NUL character (PostgreSQL refuses it in text) or an unpaired UTF-16 surrogate. The answer is a 400 problem naming the parameter,
 * before any resource sees the value.
 */
public class ParameterGuard {

    @ServerRequestFilter
    public void refuseUnrepresentable(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String reason = unrepresentable(value);
                if (reason != null) {
                    throw ProblemException.badParameter(safeName(parameter.getKey()), reason);
                }
            }
        }
    }

    /** Why a text value cannot be accepted, or null when it can. */
    public static String unrepresentable(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid UTF-8 (an unpaired surrogate)";
            }
        }
        return null;
    }

    private static String safeName(String name) {
        return unrepresentable(name) == null && name.length() <= 64 ? name : "(unprintable parameter name)";
    }
}
