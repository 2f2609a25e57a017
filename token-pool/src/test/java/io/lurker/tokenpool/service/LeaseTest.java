package io.lurker.tokenpool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which token a lease picks, against the real Redis. */
class LeaseTest {

    private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);
    private final PoolFixture fx = PoolFixture.create();

    @AfterEach
    void close() {
        fx.close();
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(15));
    }

    private TokenView put(NewToken token) {
        return await(fx.admin.putToken(token));
    }

    private Lease lease(TokenRequirements requirements) {
        return await(fx.pool.lease(requirements, Duration.ZERO));
    }

    @Test
    void aLeaseHandsOutTheDecryptedTokenAndTakesOnePointOfItsBucket() {
        TokenView stored = put(NewToken.app("clienta", "app-token-1", IN_AN_HOUR));

        Lease lease = lease(TokenRequirements.app());

        assertThat(lease.accessToken()).isEqualTo("app-token-1");
        assertThat(lease.authorization()).isEqualTo("Bearer app-token-1");
        assertThat(lease.tokenId()).isEqualTo(stored.id()).isNotEqualTo("app-token-1");
        assertThat(lease.clientId()).isEqualTo("clienta");
        assertThat(lease.bucket()).isEqualTo(BucketKey.app("clienta"));
        BucketView bucket = await(fx.pool.bucket(BucketKey.app("clienta"))).orElseThrow();
        assertThat(bucket.limit()).isEqualTo(800);
        assertThat(bucket.pointsLeft()).isBetween(799.0, 799.99);
        assertThat(bucket.leased()).isEqualTo(1);
    }

    @Test
    void appTokensOfOneClientShareOneBucketAndAreUsedInTurn() {
        put(NewToken.app("clienta", "tok-1", IN_AN_HOUR));
        put(NewToken.app("clienta", "tok-2", IN_AN_HOUR));
        put(NewToken.app("clienta", "tok-3", IN_AN_HOUR));
        // one point per second: the refill during the test stays below one point per few leases
        await(fx.admin.configureBucketLimit(BucketKey.app("clienta"), 60));

        Map<String, Integer> uses = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            uses.merge(lease(TokenRequirements.app()).accessToken(), 1, Integer::sum);
        }

        assertThat(uses).containsOnlyKeys("tok-1", "tok-2", "tok-3");
        assertThat(uses.values()).containsOnly(10);
        List<BucketView> buckets = await(fx.pool.buckets());
        assertThat(buckets).singleElement().satisfies(b -> {
            assertThat(b.key()).isEqualTo(BucketKey.app("clienta"));
            assertThat(b.tokens()).isEqualTo(3);
            assertThat(b.leased()).isEqualTo(30);
            assertThat(b.pointsLeft()).isLessThan(60 - 30 + 5);
        });
    }

    @Test
    void theBucketWithMostPointsLeftIsChosenSoLoadSpreadsOverClientIds() {
        put(NewToken.app("clienta", "tok-a", IN_AN_HOUR));
        put(NewToken.app("clientb", "tok-b", IN_AN_HOUR));
        await(fx.admin.configureBucketLimit(BucketKey.app("clientb"), 100));
        await(fx.admin.configureBucketLimit(BucketKey.app("clienta"), 100));
        // drain a to 90 points
        for (int i = 0; i < 10; i++) {
            await(fx.pool.lease(TokenRequirements.app().clientId("clienta"), Duration.ZERO));
        }

        List<String> used = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            used.add(lease(TokenRequirements.app()).clientId());
        }

        // b is used until it has no more than a, then they alternate
        assertThat(used.subList(0, 10)).containsOnly("clientb");
        assertThat(used.subList(10, 20)).contains("clienta", "clientb");
    }

    @Test
    void requirementsSelectKindClientUserAndScopes() {
        put(NewToken.app("clienta", "app-a", IN_AN_HOUR));
        put(NewToken.user("clienta", "1001", "user-1001", "refresh-1001", IN_AN_HOUR, Set.of("chat:read")));
        put(NewToken.user("clienta", "1002", "user-1002", "refresh-1002", IN_AN_HOUR,
                Set.of("chat:read", "moderator:read:followers")));
        put(NewToken.user("clientb", "1001", "user-b-1001", null, IN_AN_HOUR, Set.of()));

        assertThat(lease(TokenRequirements.app()).accessToken()).isEqualTo("app-a");
        assertThat(lease(TokenRequirements.user("clienta", "1001")).accessToken()).isEqualTo("user-1001");
        assertThat(lease(TokenRequirements.user("clientb", "1001")).accessToken()).isEqualTo("user-b-1001");
        assertThat(lease(TokenRequirements.user().scopes("moderator:read:followers")).accessToken()).isEqualTo("user-1002");
        assertThat(lease(TokenRequirements.any().userId("1002")).accessToken()).isEqualTo("user-1002");
        Lease userOfB = lease(TokenRequirements.user().clientId("clientb"));
        assertThat(userOfB.accessToken()).isEqualTo("user-b-1001");
        assertThat(userOfB.userId()).contains("1001");
        assertThatThrownBy(() -> lease(TokenRequirements.user("clienta", "1001").scopes("moderator:read:followers")))
                .isInstanceOf(NoEligibleTokenException.class)
                .hasMessageContaining("user token of client clienta for user 1001 with scopes [moderator:read:followers]");
        assertThatThrownBy(() -> lease(TokenRequirements.app().clientId("clientb")))
                .isInstanceOf(NoEligibleTokenException.class)
                .satisfies(e -> assertThat(((NoEligibleTokenException) e).status()).isEqualTo(503));
    }

    @Test
    void invalidTokensAreSkippedAndWhenAllAreInvalidTheLeaseFailsAtOnce() {
        TokenView bad = put(NewToken.app("clienta", "tok-bad", IN_AN_HOUR));
        put(NewToken.app("clienta", "tok-good", IN_AN_HOUR));

        Lease first = lease(TokenRequirements.app());
        Lease withBad = first.accessToken().equals("tok-bad") ? first : lease(TokenRequirements.app());
        assertThat(await(withBad.invalid())).isTrue();

        for (int i = 0; i < 10; i++) {
            assertThat(lease(TokenRequirements.app()).accessToken()).isEqualTo("tok-good");
        }
        assertThat(await(fx.admin.token(bad.id())).orElseThrow().state()).isEqualTo(TokenState.INVALID);

        await(fx.pool.invalid(lease(TokenRequirements.app()).tokenId()));
        assertThatThrownBy(() -> lease(TokenRequirements.app()))
                .isInstanceOfSatisfying(NoEligibleTokenException.class, e -> assertThat(e.allInvalid()).isTrue());
    }

    @Test
    void aStaleLeaseCannotInvalidateATokenRefreshedSinceItWasLeased() {
        TokenView stored = put(NewToken.app("clienta", "old-material", IN_AN_HOUR));
        Lease stale = lease(TokenRequirements.app());
        put(NewToken.app("clienta", "new-material", IN_AN_HOUR).withId(stored.id()));

        assertThat(await(stale.invalid())).isFalse();

        Lease fresh = lease(TokenRequirements.app());
        assertThat(fresh.accessToken()).isEqualTo("new-material");
        assertThat(fresh.generation()).isEqualTo(stale.generation() + 1);
        assertThat(await(fresh.invalid())).isTrue();
    }

    @Test
    void expiredTokensAndTokensAboutToExpireAreNotLeased() {
        put(NewToken.app("clienta", "expired", Instant.now().minusSeconds(5)));
        put(NewToken.app("clienta", "expires-in-10s", Instant.now().plusSeconds(10)));
        put(NewToken.app("clienta", "never-expires", null));

        for (int i = 0; i < 6; i++) {
            assertThat(lease(TokenRequirements.app()).accessToken()).isEqualTo("never-expires");
        }
    }

    @Test
    void aRefreshingTokenIsWaitedForUntilAuthServiceMarksItHealthy() {
        TokenView stored = put(NewToken.app("clienta", "tok", IN_AN_HOUR));
        await(fx.admin.markState(stored.id(), TokenState.REFRESHING));

        assertThatThrownBy(() -> lease(TokenRequirements.app()))
                .isInstanceOfSatisfying(LeaseTimeoutException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LeaseTimeoutException.Reason.TOKENS_PENDING);
                    assertThat(e.status()).isEqualTo(503);
                });

        var waiting = fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(10)).subscribeAsCompletionStage();
        fx.vertx.setTimer(300, id -> fx.admin.markState(stored.id(), TokenState.HEALTHY).subscribe().with(ok -> { }));

        assertThat(waiting.join().accessToken()).isEqualTo("tok");
    }

    @Test
    void toStringsNeverShowTokenMaterial() {
        put(NewToken.user("clienta", "1001", "access-material", "refresh-material", IN_AN_HOUR, Set.of()));
        Lease lease = lease(TokenRequirements.user());

        String all = lease + " " + await(fx.admin.tokens()) + " "
                + await(fx.admin.tokenSecrets(lease.tokenId())).orElseThrow() + " "
                + NewToken.user("clienta", "1001", "access-material", "refresh-material", IN_AN_HOUR, Set.of());

        assertThat(all).doesNotContain("access-material").doesNotContain("refresh-material").contains("<redacted>");
    }
}
