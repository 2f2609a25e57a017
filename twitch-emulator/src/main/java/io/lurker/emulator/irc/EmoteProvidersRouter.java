package io.lurker.emulator.irc;

import io.lurker.emulator.counter.Counters;
import io.lurker.emulator.fault.FaultDecision;
import io.lurker.emulator.fault.FaultInjector;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The third-party emote APIs of REFERENCE.md §6 for the world's channels, on the emulator's HTTP
 * port: {@code /bttv/3/cached/emotes/global}, {@code /bttv/3/cached/users/twitch/{id}},
 * {@code /ffz/v1/set/global}, {@code /ffz/v1/room/id/{id}}, {@code /7tv/v3/emote-sets/global},
 * {@code /7tv/v3/users/twitch/{id}}. Channels without an account answer 404. Counted in
 * {@code /emulator/counters} and subject to {@code /emulator/faults} (endpoints {@code /bttv},
 * {@code /ffz}, {@code /7tv}).
 */
@ApplicationScoped
public class EmoteProvidersRouter {

    private final World world;
    private final FaultInjector faults;
    private final Counters counters;

    public EmoteProvidersRouter(World world, FaultInjector faults, Counters counters) {
        this.world = world;
        this.faults = faults;
        this.counters = counters;
    }

    ThirdPartyEmotes emotes() {
        return new ThirdPartyEmotes(world.data().seed());
    }

    void register(@Observes Router router) {
        router.get("/bttv/3/cached/emotes/global").handler(ctx -> answer(ctx, "/bttv", bttvGlobal()));
        router.get("/bttv/3/cached/users/twitch/:id").handler(ctx -> answer(ctx, "/bttv", bttvUser(ctx.pathParam("id"))));
        router.get("/ffz/v1/set/global").handler(ctx -> answer(ctx, "/ffz", ffzGlobal()));
        router.get("/ffz/v1/room/id/:id").handler(ctx -> answer(ctx, "/ffz", ffzRoom(ctx.pathParam("id"))));
        router.get("/7tv/v3/emote-sets/global").handler(ctx -> answer(ctx, "/7tv", seventvGlobal()));
        router.get("/7tv/v3/users/twitch/:id").handler(ctx -> answer(ctx, "/7tv", seventvUser(ctx.pathParam("id"))));
    }

    private void answer(RoutingContext ctx, String endpoint, Object body) {
        FaultDecision fault = faults.decide(endpoint);
        int status;
        String text;
        if (fault.errorStatus() != 0 || fault.rateLimitStorm()) {
            status = fault.rateLimitStorm() ? 429 : fault.errorStatus();
            text = new JsonObject().put("status", status).put("message", "provider error").encode();
        } else if (body == null) {
            status = 404;
            text = new JsonObject().put("status", 404).put("message", "user not found").encode();
        } else {
            status = 200;
            text = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
        }
        counters.count(endpoint, status);
        Runnable send = () -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
        if (fault.latencyMs() > 0) {
            ctx.vertx().setTimer(fault.latencyMs(), id -> send.run());
        } else {
            send.run();
        }
    }

    private Channel channel(String id) {
        return id == null ? null : world.channel(id);
    }

    JsonArray bttvGlobal() {
        JsonArray array = new JsonArray();
        emotes().bttvGlobal().forEach(e -> array.add(bttvEmote(e).put("userId", "5561169bd6b9d206222a8c19")));
        return array;
    }

    JsonObject bttvUser(String id) {
        Channel channel = channel(id);
        ThirdPartyEmotes emotes = emotes();
        if (channel == null || !emotes.hasBttv(channel)) {
            return null;
        }
        List<ThirdPartyEmotes.Emote> set = emotes.bttvChannel(channel);
        JsonArray own = new JsonArray();
        JsonArray shared = new JsonArray();
        for (int i = 0; i < set.size(); i++) {
            ThirdPartyEmotes.Emote e = set.get(i);
            if (i % 2 == 0) {
                own.add(bttvEmote(e).put("userId", userId(channel)));
            } else {
                shared.add(bttvEmote(e).put("user", new JsonObject().put("id", "5f1b0186cf6d2144653d2970")
                        .put("name", "emotemaker").put("displayName", "EmoteMaker").put("providerId", "100000001")));
            }
        }
        return new JsonObject().put("id", userId(channel)).put("bots", new JsonArray())
                .put("avatar", channel.profileImageUrl()).put("channelEmotes", own).put("sharedEmotes", shared);
    }

    private static String userId(Channel channel) {
        return String.format("%024x", Long.parseLong(channel.id()));
    }

    private static JsonObject bttvEmote(ThirdPartyEmotes.Emote e) {
        return new JsonObject().put("id", e.id()).put("code", e.name()).put("imageType", e.animated() ? "gif" : "png")
                .put("animated", e.animated());
    }

    JsonObject ffzGlobal() {
        JsonObject set = ffzSet("3", "Default Emoticons", emotes().ffzGlobal());
        return new JsonObject().put("default_sets", new JsonArray().add(3)).put("sets", new JsonObject().put("3", set))
                .put("users", new JsonObject());
    }

    JsonObject ffzRoom(String id) {
        Channel channel = channel(id);
        ThirdPartyEmotes emotes = emotes();
        if (channel == null || !emotes.hasFfz(channel)) {
            return null;
        }
        String setId = Long.toString(500_000 + channel.index());
        JsonObject room = new JsonObject().put("_id", channel.index() + 1000).put("twitch_id", Long.parseLong(channel.id()))
                .put("id", channel.login()).put("is_group", false).put("display_name", channel.displayName())
                .put("set", Long.parseLong(setId)).put("moderator_badge", (Object) null);
        return new JsonObject().put("room", room)
                .put("sets", new JsonObject().put(setId, ffzSet(setId, "Channel: " + channel.displayName(), emotes.ffzChannel(channel))));
    }

    private static JsonObject ffzSet(String id, String title, List<ThirdPartyEmotes.Emote> emotes) {
        JsonArray list = new JsonArray();
        for (ThirdPartyEmotes.Emote e : emotes) {
            String base = "//cdn.frankerfacez.com/emote/" + e.id() + "/";
            list.add(new JsonObject().put("id", Long.parseLong(e.id())).put("name", e.name()).put("height", 32).put("width", 32)
                    .put("public", true).put("urls", new JsonObject().put("1", base + "1").put("2", base + "2").put("4", base + "4")));
        }
        return new JsonObject().put("id", Long.parseLong(id)).put("_type", 1).put("title", title).put("emoticons", list);
    }

    JsonObject seventvGlobal() {
        return seventvSet("01GQGJQ2V80009XYZ00GLOBAL", "Global Emotes", emotes().seventvGlobal());
    }

    JsonObject seventvUser(String id) {
        Channel channel = channel(id);
        ThirdPartyEmotes emotes = emotes();
        if (channel == null || !emotes.hasSeventv(channel)) {
            return null;
        }
        JsonObject set = seventvSet(String.format("%024x", 0x7700000000L + channel.index()), channel.login() + "'s Emotes",
                emotes.seventvChannel(channel));
        return new JsonObject().put("id", Long.toString(channel.index())).put("platform", "TWITCH").put("username", channel.login())
                .put("display_name", channel.displayName()).put("emote_set", set)
                .put("user", new JsonObject().put("id", String.format("%024x", 0x7800000000L + channel.index()))
                        .put("username", channel.login()));
    }

    private static JsonObject seventvSet(String id, String name, List<ThirdPartyEmotes.Emote> emotes) {
        JsonArray list = new JsonArray();
        for (ThirdPartyEmotes.Emote e : emotes) {
            JsonArray files = new JsonArray();
            for (String f : List.of("1x.webp", "2x.webp", "3x.webp", "4x.webp")) {
                files.add(new JsonObject().put("name", f).put("format", "WEBP"));
            }
            JsonObject data = new JsonObject().put("id", e.id()).put("name", e.originalName()).put("animated", e.animated())
                    .put("host", new JsonObject().put("url", "//cdn.7tv.app/emote/" + e.id()).put("files", files));
            list.add(new JsonObject().put("id", e.id()).put("name", e.name()).put("flags", 0).put("data", data));
        }
        return new JsonObject().put("id", id).put("name", name).put("emotes", list);
    }
}
