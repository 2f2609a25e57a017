package io.lurker.tokenpool.service;

import static io.lurker.tokenpool.service.LeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.CredentialView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writing API auth-service uses. */
class TokenPoolAdminTest {

    private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
    private final PoolFixture fx = PoolFixture.create();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void credentialsAreStoredReplacedListedWithoutSecretsAndRead() {
        await(fx.admin.putCredential("clienta", "secret-1"));
        await(fx.admin.putCredential("clientb", "secret-b"));
        await(fx.admin.putCredential("clienta", "secret-2"));

        assertThat(await(fx.admin.credentials())).extracting(CredentialView::clientId).containsExactly("clienta", "clientb");
        assertThat(await(fx.admin.credentials()).toString()).doesNotContain("secret-");
        assertThat(await(fx.admin.clientSecret("clienta")).orElseThrow().secret()).isEqualTo("secret-2");
        assertThat(await(fx.admin.clientSecret("nobody"))).isEmpty();
        assertThatThrownBy(() -> await(fx.admin.putCredential("clienta", " "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> await(fx.admin.putCredential("bad:id", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> await(fx.admin.tokenSecrets("../etc"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingACredentialForgetsItsTokensAndBucketsButNotOtherClients() {
        await(fx.admin.putCredential("clienta", "secret-a"));
        await(fx.admin.putToken(NewToken.app("clienta", "app-a", IN_AN_HOUR)));
        await(fx.admin.putToken(NewToken.user("clienta", "1001", "user-a", null, IN_AN_HOUR, Set.of())));
        TokenView other = await(fx.admin.putToken(NewToken.app("clientb", "app-b", IN_AN_HOUR)));

        assertThat(await(fx.admin.deleteCredential("clienta"))).isTrue();

        assertThat(await(fx.admin.credentials())).isEmpty();
        assertThat(await(fx.admin.tokens())).extracting(TokenView::id).containsExactly(other.id());
        assertThat(await(fx.admin.buckets())).extracting(BucketView::key).containsExactly(BucketKey.app("clientb"));
        assertThat(await(fx.admin.deleteCredential("clienta"))).isFalse();
        assertThat(await(fx.pool.lease(TokenRequirements.any(), Duration.ZERO)).accessToken()).isEqualTo("app-b");
    }

    @Test
    void tokensAreListedWithTheirMetadataButNoMaterial() {
        TokenView user = await(fx.admin.putToken(NewToken.user("clienta", "1001", "user-access", "user-refresh", IN_AN_HOUR,
                Set.of("chat:read", "user:read:email")).withLogin("someone")));
        TokenView app = await(fx.admin.putToken(NewToken.app("clienta", "app-access", null)));

        assertThat(user.kind()).isEqualTo(TokenKind.USER);
        assertThat(user.clientId()).isEqualTo("clienta");
        assertThat(user.userId()).contains("1001");
        assertThat(user.login()).contains("someone");
        assertThat(user.scopes()).containsExactlyInAnyOrder("chat:read", "user:read:email");
        assertThat(user.expiresAt()).contains(IN_AN_HOUR);
        assertThat(user.state()).isEqualTo(TokenState.HEALTHY);
        assertThat(user.bucket()).isEqualTo(BucketKey.user("clienta", "1001"));
        assertThat(user.hasRefreshToken()).isTrue();
        assertThat(user.generation()).isEqualTo(1);
        assertThat(app.expiresAt()).isEmpty();
        assertThat(app.hasRefreshToken()).isFalse();
        assertThat(await(fx.admin.tokens())).hasSize(2).asString().doesNotContain("user-access", "user-refresh", "app-access");
    }

    @Test
    void replacingATokenKeepsItsIdBumpsItsGenerationAndMakesItHealthyAgain() {
        TokenView first = await(fx.admin.putToken(NewToken.user("clienta", "1001", "access-1", "refresh-1", IN_AN_HOUR, Set.of())));
        await(fx.admin.markState(first.id(), TokenState.REFRESHING));

        TokenView second = await(fx.admin.putToken(
                NewToken.user("clienta", "1001", "access-2", "refresh-2", IN_AN_HOUR.plusSeconds(60), Set.of()).withId(first.id())));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.generation()).isEqualTo(2);
        assertThat(second.state()).isEqualTo(TokenState.HEALTHY);
        assertThat(await(fx.admin.tokenSecrets(first.id())).orElseThrow().accessToken()).isEqualTo("access-2");
        assertThat(await(fx.admin.tokens())).hasSize(1);
        assertThat(await(fx.admin.bucket(BucketKey.user("clienta", "1001"))).orElseThrow().tokens()).isEqualTo(1);
    }

    @Test
    void aTokenMovedToAnotherBucketLeavesTheOldOne() {
        TokenView token = await(fx.admin.putToken(NewToken.app("clienta", "a", IN_AN_HOUR)));
        await(fx.admin.putToken(NewToken.app("clientb", "b", IN_AN_HOUR).withId(token.id())));

        assertThat(await(fx.admin.bucket(BucketKey.app("clienta"))).orElseThrow().tokens()).isZero();
        assertThat(await(fx.admin.bucket(BucketKey.app("clientb"))).orElseThrow().tokens()).isEqualTo(1);
        assertThat(await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO)).clientId()).isEqualTo("clientb");
    }

    @Test
    void statesAndDeletionsOfUnknownTokensAnswerFalseAndDeletingKeepsTheBucketCount() {
        TokenView token = await(fx.admin.putToken(NewToken.app("clienta", "a", IN_AN_HOUR)));
        await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO));

        assertThat(await(fx.admin.markState("no-such-token", TokenState.INVALID))).isFalse();
        assertThat(await(fx.admin.deleteToken("no-such-token"))).isFalse();
        assertThat(await(fx.admin.token("no-such-token"))).isEmpty();
        assertThat(await(fx.admin.tokenSecrets("no-such-token"))).isEmpty();
        assertThat(await(fx.admin.deleteToken(token.id()))).isTrue();

        // Twitch still counts the point taken: the bucket survives its last token
        BucketView bucket = await(fx.admin.bucket(BucketKey.app("clienta"))).orElseThrow();
        assertThat(bucket.leased()).isEqualTo(1);
        assertThat(bucket.tokens()).isZero();
        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO)))
                .isInstanceOfSatisfying(NoEligibleTokenException.class, e -> assertThat(e.allInvalid()).isFalse());
    }

    @Test
    void aBucketLimitCanBeSetBeforeAnyTokenAndLoweringItLowersThePointsLeft() {
        BucketView configured = await(fx.admin.configureBucketLimit(BucketKey.user("clienta", "1001"), 1200));
        assertThat(configured.limit()).isEqualTo(1200);
        assertThat(configured.pointsLeft()).isEqualTo(1200);
        assertThat(configured.blockedUntil()).isEmpty();

        await(fx.admin.putToken(NewToken.user("clienta", "1001", "u", null, IN_AN_HOUR, Set.of())));
        assertThat(await(fx.admin.bucket(BucketKey.user("clienta", "1001"))).orElseThrow().limit()).isEqualTo(1200);

        BucketView lowered = await(fx.admin.configureBucketLimit(BucketKey.user("clienta", "1001"), 100));
        assertThat(lowered.pointsLeft()).isEqualTo(100);
        assertThat(lowered.fullAt()).isBeforeOrEqualTo(Instant.now().plusSeconds(1));
        assertThatThrownBy(() -> await(fx.admin.configureBucketLimit(BucketKey.app("clienta"), 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(await(fx.admin.bucket(BucketKey.app("nobody")))).isEqualTo(Optional.empty());
    }
}
