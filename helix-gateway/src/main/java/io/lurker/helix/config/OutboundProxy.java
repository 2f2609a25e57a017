package io.lurker.helix.config;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The outbound proxy of Helix calls, from a URL; credentials are never shown. */
public final class OutboundProxy {

    private OutboundProxy() {
    }

    public static Optional<ProxyOptions> options(Optional<String> url) {
        if (url.isEmpty() || url.get().isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lurker.helix.outbound-proxy is not a URL (value not shown)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean socks = scheme.startsWith("socks");
        if (!socks && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("lurker.helix.outbound-proxy scheme must be http, https or socks5");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("lurker.helix.outbound-proxy has no host");
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

    /** {@code scheme://host:port} for logs. */
    public static String describe(Optional<String> url) {
        return options(url).map(o -> o.getType().name().toLowerCase(Locale.ROOT) + "://" + o.getHost() + ":" + o.getPort()
                + (o.getUsername() != null ? " (with credentials)" : "")).orElse("none");
    }
}
