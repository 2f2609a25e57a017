package io.lurker.tokenpool.outbound;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An outbound proxy towards Twitch (HTTP or SOCKS5 URL, optionally with credentials) as Vert.x
 * proxy options, shared by the gateways. Errors name the configuration key, never the value:
 * the URL may carry the proxy's password.
 */
public final class OutboundProxy {

    private OutboundProxy() {
    }

    /** The proxy options of {@code url} (empty when unset or blank), read from configuration key {@code key}. */
    public static Optional<ProxyOptions> options(String key, Optional<String> url) {
        if (url.isEmpty() || url.get().isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL (value not shown)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean socks = scheme.startsWith("socks");
        if (!socks && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(key + " scheme must be http, https or socks5");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(key + " has no host");
        }
        ProxyOptions options = new ProxyOptions().setType(socks ? ProxyType.SOCKS5 : ProxyType.HTTP).setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : socks ? 1080 : 8080);
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            options.setUsername(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length > 1) {
                options.setPassword(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return Optional.of(options);
    }

    /** {@code scheme://host:port} for logs, without credentials; "none" when unset. */
    public static String describe(String key, Optional<String> url) {
        return options(key, url).map(o -> o.getType().name().toLowerCase(Locale.ROOT) + "://" + o.getHost() + ":" + o.getPort()
                + (o.getUsername() != null ? " (with credentials)" : "")).orElse("none");
    }
}
