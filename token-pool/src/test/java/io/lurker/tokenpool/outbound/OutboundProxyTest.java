package io.lurker.tokenpool.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundProxyTest {

    private static final String KEY = "lurker.test.outbound-proxy";

    @Test
    void unsetOrBlankMeansNoProxy() {
        assertThat(OutboundProxy.options(KEY, Optional.empty())).isEmpty();
        assertThat(OutboundProxy.options(KEY, Optional.of("  "))).isEmpty();
        assertThat(OutboundProxy.describe(KEY, Optional.empty())).isEqualTo("none");
    }

    @Test
    void httpAndSocksUrlsWithEncodedCredentials() {
        ProxyOptions http = OutboundProxy.options(KEY, Optional.of("http://user:p%40ss@proxy.example:3128")).orElseThrow();
        assertThat(http.getType()).isEqualTo(ProxyType.HTTP);
        assertThat(http.getHost()).isEqualTo("proxy.example");
        assertThat(http.getPort()).isEqualTo(3128);
        assertThat(http.getUsername()).isEqualTo("user");
        assertThat(http.getPassword()).isEqualTo("p@ss");

        ProxyOptions socks = OutboundProxy.options(KEY, Optional.of("socks5://proxy.example")).orElseThrow();
        assertThat(socks.getType()).isEqualTo(ProxyType.SOCKS5);
        assertThat(socks.getPort()).isEqualTo(1080);
        assertThat(socks.getUsername()).isNull();
    }

    @Test
    void descriptionsAndErrorsNeverShowTheCredentials() {
        assertThat(OutboundProxy.describe(KEY, Optional.of("http://user:secret-pw@proxy.example:3128")))
                .isEqualTo("http://proxy.example:3128 (with credentials)");
        assertThatThrownBy(() -> OutboundProxy.options(KEY, Optional.of("ftp://user:secret-pw@proxy.example")))
                .hasMessage(KEY + " scheme must be http, https or socks5").hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> OutboundProxy.options(KEY, Optional.of("http://user:secret pw@proxy example")))
                .hasMessageContaining(KEY).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> OutboundProxy.options(KEY, Optional.of("http:relative")))
                .hasMessage(KEY + " has no host");
    }
}
