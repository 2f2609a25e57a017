package io.lurker.chat.emote;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emote cache against the real Redis, under this run's random key prefix. */
@QuarkusTest
class EmoteSetCacheTest {

    @Inject
    EmoteSetCache cache;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    ChatConfig config;

    @AfterEach
    void removeThisRunsKeys() {
        for (String key : redis.key().keys(config.redisPrefix() + "*")) {
            redis.key().del(key);
        }
    }

    private static String channelId() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void fetchedSetsAreUsedForMatchingAndSurviveAFailedFetch() {
        String channel = channelId();
        Instant fetched = Instant.parse("2024-05-01T12:00:00Z");
        cache.storeFetched(new EmoteSet(EmoteScope.channel(EmoteProvider.SEVENTV, channel),
                List.of(new Emote(EmoteProvider.SEVENTV, "7tv-1", "vibe", "https://cdn.7tv.app/emote/7tv-1/1x.webp"))), fetched);
        cache.storeFetched(new EmoteSet(EmoteScope.channel(EmoteProvider.BTTV, channel),
                List.of(new Emote(EmoteProvider.BTTV, "b-1", "vibe", null), new Emote(EmoteProvider.BTTV, "b-2", "monkaS", null))), fetched);
        assertThat(cache.index(channel).find("vibe").provider()).isEqualTo(EmoteProvider.SEVENTV);
        assertThat(cache.index(channel).find("monkaS").id()).isEqualTo("b-2");
        assertThat(cache.index(channelId()).find("monkaS")).isNull();

        cache.recordFailure(EmoteScope.channel(EmoteProvider.BTTV, channel), "HTTP 503", fetched.plusSeconds(600));
        assertThat(cache.index(channel).find("monkaS")).isNotNull();
        CachedEmoteSet cached = cache.lastGood(EmoteScope.channel(EmoteProvider.BTTV, channel)).orElseThrow();
        assertThat(cached.fetchedAt()).isEqualTo(fetched);
        assertThat(cached.lastFailure()).isEqualTo("HTTP 503");
        assertThat(cached.stale()).isTrue();
        assertThat(cached.set().emotes()).extracting(Emote::name).containsExactly("vibe", "monkaS");

        // a successful fetch replaces the set, including with an empty one (the channel left BTTV)
        cache.storeFetched(EmoteSet.empty(EmoteScope.channel(EmoteProvider.BTTV, channel)), fetched.plusSeconds(1200));
        assertThat(cache.index(channel).find("monkaS")).isNull();
        assertThat(cache.lastGood(EmoteScope.channel(EmoteProvider.BTTV, channel)).orElseThrow().stale()).isFalse();
    }

    @Test
    void anotherInstanceStartsFromTheLastGoodCopiesInRedis() {
        String channel = channelId();
        cache.storeFetched(new EmoteSet(EmoteScope.channel(EmoteProvider.FFZ, channel),
                List.of(new Emote(EmoteProvider.FFZ, "128054", "OMEGALUL", "https://cdn.frankerfacez.com/emote/128054/1"))),
                Instant.parse("2024-05-01T12:00:00Z"));
        // a failure recorded for a set this process never held in memory still yields nothing new
        cache.recordFailure(EmoteScope.channel(EmoteProvider.SEVENTV, channel), "timeout", Instant.now());
        assertThat(cache.lastGood(EmoteScope.channel(EmoteProvider.SEVENTV, channel))).isEmpty();

        EmoteSetCache restarted = new EmoteSetCache(redis, json, config);
        assertThat(restarted.index(channel).find("OMEGALUL")).isNull();
        assertThat(restarted.loadAll()).isGreaterThanOrEqualTo(1);
        assertThat(restarted.index(channel).find("OMEGALUL").imageUrl()).isEqualTo("https://cdn.frankerfacez.com/emote/128054/1");

        EmoteSetCache joining = new EmoteSetCache(redis, json, config);
        joining.loadChannel(channel);
        assertThat(joining.index(channel).find("OMEGALUL")).isNotNull();
        joining.forgetChannel(channel);
        assertThat(joining.index(channel).find("OMEGALUL")).isNull();
    }

    @Test
    void globalSetsApplyToEveryChannelAndShowUpInParsedMessages() {
        String channel = channelId();
        String word = "Glob" + UUID.randomUUID().toString().substring(0, 6);
        cache.storeFetched(new EmoteSet(EmoteScope.global(EmoteProvider.BTTV),
                List.of(new Emote(EmoteProvider.BTTV, "g-1", word, null))), Instant.now());
        cache.storeFetched(new EmoteSet(EmoteScope.channel(EmoteProvider.SEVENTV, channel),
                List.of(new Emote(EmoteProvider.SEVENTV, "7-1", "catJAM", null))), Instant.now());
        String line = "@emotes=25:0-4;id=e-1;room-id=" + channel + " :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #somechan :Kappa "
                + word + " catJAM " + word + " catjam";
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.TEXT).body(line)
                .post("/api/v1/chat/parse").then().statusCode(200)
                .body("[0].message.emotes", hasSize(3))
                .body("[0].message.emotes[0].provider", equalTo("twitch"))
                .body("[0].message.emotes[1].provider", equalTo("bttv"))
                .body("[0].message.emotes[1].name", equalTo(word))
                .body("[0].message.emotes[1].count", equalTo(2))
                .body("[0].message.emotes[2].provider", equalTo("7tv"))
                .body("[0].message.emotes[2].id", equalTo("7-1"));
        assertThat(redis.key().exists(config.redisPrefix() + "emotes:bttv:global")).isTrue();
        assertThat(redis.key().exists(config.redisPrefix() + "emotes:7tv:channel:" + channel)).isTrue();
    }
}
