package io.lurker.helix.client;

import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.config.TwitchUrls;
import io.lurker.tokenpool.outbound.OutboundProxy;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one HTTP client to Twitch: HTTP/2 through ALPN where the host offers it (https),
 * HTTP/1.1 keep-alive otherwise, the configured outbound proxy, one user agent.
 */
@ApplicationScoped
public class HelixHttp {

    private static final Logger LOG = Logger.getLogger(HelixHttp.class);

    private final WebClient client;

    public HelixHttp(Vertx vertx, HelixConfig config, TwitchUrls urls) {
        boolean tls = urls.helixUrl().startsWith("https:");
        WebClientOptions options = new WebClientOptions()
                .setUserAgent(config.userAgent())
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis()))
                .setKeepAlive(true)
                .setMaxPoolSize(config.maxConnections())
                .setHttp2MaxPoolSize(Math.max(1, config.maxConnections() / 16))
                .setDecompressionSupported(true)
                .setFollowRedirects(false);
        if (tls) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setSsl(true);
        }
        OutboundProxy.options("lurker.helix.outbound-proxy", config.outboundProxy()).ifPresent(options::setProxyOptions);
        LOG.infof("Helix upstream %s, outbound proxy %s", urls.helixUrl(),
                OutboundProxy.describe("lurker.helix.outbound-proxy", config.outboundProxy()));
        this.client = WebClient.create(vertx, options);
    }

    public WebClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
