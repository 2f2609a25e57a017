package io.lurker.integrity.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An outbound proxy from a URL ({@code http://user:pass@host:port}, {@code socks5://host:port}).
 * {@link #toString()} shows scheme, host and port only: credentials never reach a log.
 */
public record OutboundProxy(String scheme, String host, int port, String username, String password) {

    public static Optional<OutboundProxy> parse(Optional<String> url) {
        if (url.isEmpty() || url.get().isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxy URL is not a URL (value not shown)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("socks5") && !scheme.equals("socks")) {
            throw new IllegalArgumentException("proxy URL scheme must be http, https or socks5, was '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("proxy URL has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.startsWith("socks") ? 1080 : scheme.equals("https") ? 443 : 8080;
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        return Optional.of(new OutboundProxy(scheme.equals("socks") ? "socks5" : scheme, uri.getHost(), port, user, pass));
    }

    public boolean socks() {
        return scheme.startsWith("socks");
    }

    /** {@code scheme://host:port}, what browsers take as proxy server. */
    public String server() {
        return scheme + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return server() + (username != null ? " (with credentials)" : "");
    }
}
