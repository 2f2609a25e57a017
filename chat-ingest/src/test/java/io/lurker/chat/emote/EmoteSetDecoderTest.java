package io.lurker.chat.emote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.contracts.chat.EmoteProvider;
import org.junit.jupiter.api.Test;

class EmoteSetDecoderTest {

    @Test
    void bttvGlobal() throws Exception {
        EmoteSet set = EmoteSetDecoder.decode(EmoteScope.global(EmoteProvider.BTTV), """
                [{"id":"54fa925e01e468494b85b54d","code":"OhMyGoodness","imageType":"png","animated":false},
                 {"id":"54fa8f1401e468494b85b537","code":":tf:","imageType":"png","animated":false},
                 {"code":"no-id"}]""");
        assertThat(set.emotes()).extracting(Emote::name).containsExactly("OhMyGoodness", ":tf:");
        assertThat(set.emotes().get(0).imageUrl()).isEqualTo("https://cdn.betterttv.net/emote/54fa925e01e468494b85b54d/1x");
    }

    @Test
    void bttvChannelCombinesChannelAndSharedEmotes() throws Exception {
        EmoteSet set = EmoteSetDecoder.decode(EmoteScope.channel(EmoteProvider.BTTV, "1337"), """
                {"id":"x","bots":[],"avatar":"a",
                 "channelEmotes":[{"id":"c1","code":"ownEmote","imageType":"png","animated":false,"userId":"u"}],
                 "sharedEmotes":[{"id":"s1","code":"catJAM","imageType":"gif","animated":true,"user":{"id":"u2","name":"n","displayName":"N","providerId":"9"}}]}""");
        assertThat(set.scope().channelId()).isEqualTo("1337");
        assertThat(set.emotes()).extracting(Emote::id, Emote::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "ownEmote"), org.assertj.core.groups.Tuple.tuple("s1", "catJAM"));
    }

    @Test
    void ffzRoomWithProtocolRelativeUrlsAndIntIds() throws Exception {
        EmoteSet set = EmoteSetDecoder.decode(EmoteScope.channel(EmoteProvider.FFZ, "1337"), """
                {"room":{"_id":1,"twitch_id":1337,"id":"chan","set":311},
                 "sets":{"311":{"id":311,"emoticons":[
                   {"id":128054,"name":"OMEGALUL","height":21,"width":35,"urls":{"1":"//cdn.frankerfacez.com/emote/128054/1","2":"//cdn.frankerfacez.com/emote/128054/2","4":"//cdn.frankerfacez.com/emote/128054/4"}},
                   {"id":9,"name":"ZreknarF","urls":{"2":"https://cdn.frankerfacez.com/emote/9/2"}}]}}}""");
        assertThat(set.emotes()).extracting(Emote::id).containsExactly("128054", "9");
        assertThat(set.emotes().get(0).imageUrl()).isEqualTo("https://cdn.frankerfacez.com/emote/128054/1");
        assertThat(set.emotes().get(1).imageUrl()).isEqualTo("https://cdn.frankerfacez.com/emote/9/2");
    }

    @Test
    void ffzGlobalUsesTheDefaultSets() throws Exception {
        EmoteSet set = EmoteSetDecoder.decode(EmoteScope.global(EmoteProvider.FFZ), """
                {"default_sets":[3],"sets":{"3":{"emoticons":[{"id":25927,"name":"CatBag","urls":{"1":"//cdn.frankerfacez.com/emote/25927/1"}}]},
                 "4330":{"emoticons":[{"id":1,"name":"OnlyForSomeUsers","urls":{}}]}},"users":{"4330":["someone"]}}""");
        assertThat(set.emotes()).extracting(Emote::name).containsExactly("CatBag");
    }

    @Test
    void sevenTvChannelUsesTheAlias() throws Exception {
        EmoteSet set = EmoteSetDecoder.decode(EmoteScope.channel(EmoteProvider.SEVENTV, "1337"), """
                {"id":"u","platform":"TWITCH","username":"chan","emote_set":{"id":"set1","name":"chan's Emotes","emotes":[
                  {"id":"60ae958e229664e8667aea38","name":"vibe","flags":0,"data":{"id":"60ae958e229664e8667aea38","name":"catJAM","animated":true,
                    "host":{"url":"//cdn.7tv.app/emote/60ae958e229664e8667aea38","files":[{"name":"1x.webp","width":32},{"name":"2x.webp"}]}}},
                  {"id":"nohost","data":{"name":"OriginalOnly"}}]}}""");
        assertThat(set.emotes()).extracting(Emote::name).containsExactly("vibe", "OriginalOnly");
        assertThat(set.emotes().get(0).imageUrl()).isEqualTo("https://cdn.7tv.app/emote/60ae958e229664e8667aea38/1x.webp");
    }

    @Test
    void sevenTvUserWithoutSetIsEmptyAndGlobalReads() throws Exception {
        assertThat(EmoteSetDecoder.decode(EmoteScope.channel(EmoteProvider.SEVENTV, "1"), "{\"id\":\"u\",\"emote_set\":null}").emotes()).isEmpty();
        EmoteSet global = EmoteSetDecoder.decode(EmoteScope.global(EmoteProvider.SEVENTV),
                "{\"id\":\"global\",\"name\":\"Global Emotes\",\"emotes\":[{\"id\":\"g1\",\"name\":\"EZ\",\"data\":{\"name\":\"EZ\"}}]}");
        assertThat(global.emotes()).extracting(Emote::name).containsExactly("EZ");
    }

    @Test
    void wrongShapesAreRefused() {
        assertThatThrownBy(() -> EmoteSetDecoder.decode(EmoteScope.global(EmoteProvider.BTTV), "{\"message\":\"oops\"}"))
                .isInstanceOf(EmoteDecodeException.class).hasMessageContaining("bttv:global");
        assertThatThrownBy(() -> EmoteSetDecoder.decode(EmoteScope.channel(EmoteProvider.FFZ, "1"), "<html>502</html>"))
                .isInstanceOf(EmoteDecodeException.class);
        assertThatThrownBy(() -> EmoteSetDecoder.decode(EmoteScope.global(EmoteProvider.SEVENTV), ""))
                .isInstanceOf(EmoteDecodeException.class);
        assertThatThrownBy(() -> EmoteSetDecoder.decode(EmoteScope.channel(EmoteProvider.FFZ, "1"), "{\"room\":{}}"))
                .isInstanceOf(EmoteDecodeException.class);
    }
}
