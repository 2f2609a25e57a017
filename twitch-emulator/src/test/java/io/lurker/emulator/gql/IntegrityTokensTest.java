package io.lurker.emulator.gql;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.gql.IntegrityTokens.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Token and challenge arithmetic without HTTP: expiry, binding, signature, bad bots. */
class IntegrityTokensTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36";

    private static IntegrityTokens tokens(Duration lifetime) {
        return new IntegrityTokens(new GqlEmulatorConfig() {
            public String webClientId() { return "web"; }
            public Optional<List<String>> extraClientIds() { return Optional.empty(); }
            public Duration integrityLifetime() { return lifetime; }
            public Optional<String> integritySecret() { return Optional.of("test-secret"); }
            public Duration challengeLifetime() { return Duration.ofMinutes(10); }
            public Replay replay() { return null; }
        });
    }

    @Test
    void aTokenIsBoundToWhatItWasIssuedFor() {
        IntegrityTokens tokens = tokens(Duration.ofHours(1));
        IntegrityTokens.Grant grant = tokens.issue("web", "device0123456789", UA, "127.0.0.1");
        assertThat(grant.badBot()).isFalse();
        assertThat(tokens.verify(grant.token(), "web", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.OK);
        assertThat(tokens.verify(grant.token(), "web", "otherdevice12345", UA, "127.0.0.1")).isEqualTo(Verdict.DEVICE_MISMATCH);
        assertThat(tokens.verify(grant.token(), "android", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.CLIENT_MISMATCH);
        assertThat(tokens.verify(grant.token(), "web", "device0123456789", UA + " x", "127.0.0.1")).isEqualTo(Verdict.USER_AGENT_MISMATCH);
        assertThat(tokens.verify(grant.token(), "web", "device0123456789", UA, "10.0.0.9")).isEqualTo(Verdict.ADDRESS_MISMATCH);
        assertThat(tokens.verify(null, "web", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.MISSING);
        assertThat(tokens.verify("v3.local.abc", "web", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.MALFORMED);
        // another emulator's key signs differently
        IntegrityTokens other = new IntegrityTokens(new GqlEmulatorConfig() {
            public String webClientId() { return "web"; }
            public Optional<List<String>> extraClientIds() { return Optional.empty(); }
            public Duration integrityLifetime() { return Duration.ofHours(1); }
            public Optional<String> integritySecret() { return Optional.empty(); }
            public Duration challengeLifetime() { return Duration.ofMinutes(10); }
            public Replay replay() { return null; }
        });
        assertThat(other.verify(grant.token(), "web", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void expiredAndBadBotTokensAreRefused() {
        IntegrityTokens expiring = tokens(Duration.ofSeconds(-1));
        IntegrityTokens.Grant expired = expiring.issue("web", "device0123456789", UA, "127.0.0.1");
        assertThat(expiring.verify(expired.token(), "web", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.EXPIRED);

        IntegrityTokens tokens = tokens(Duration.ofHours(1));
        String headless = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36";
        IntegrityTokens.Grant bot = tokens.issue("web", "device0123456789", headless, "127.0.0.1");
        assertThat(bot.badBot()).isTrue();
        assertThat(tokens.verify(bot.token(), "web", "device0123456789", headless, "127.0.0.1")).isEqualTo(Verdict.BAD_BOT);
    }

    @Test
    void revokingRefusesEveryTokenIssuedBefore() {
        IntegrityTokens tokens = tokens(Duration.ofHours(1));
        IntegrityTokens.Grant grant = tokens.issue("web", "device0123456789", UA, "127.0.0.1");
        tokens.revokeAll();
        assertThat(tokens.verify(grant.token(), "web", "device0123456789", UA, "127.0.0.1")).isEqualTo(Verdict.REVOKED);
    }

    @Test
    void challengesMustBeAnsweredForTheDeviceAndSignedHere() {
        IntegrityTokens tokens = tokens(Duration.ofHours(1));
        String challenge = tokens.challenge();
        String proof = PersistedQueries.sha256(challenge + ":device0123456789");
        assertThat(tokens.challengeAnswered(challenge, proof, "device0123456789")).isTrue();
        assertThat(tokens.challengeAnswered(challenge, proof, "otherdevice12345")).isFalse();
        String forged = (Long.parseLong(challenge.substring(0, challenge.indexOf('.'))) + 1) + challenge.substring(challenge.indexOf('.'));
        assertThat(tokens.challengeAnswered(forged, PersistedQueries.sha256(forged + ":device0123456789"), "device0123456789")).isFalse();
        assertThat(tokens.challengeAnswered(null, proof, "device0123456789")).isFalse();
    }
}
