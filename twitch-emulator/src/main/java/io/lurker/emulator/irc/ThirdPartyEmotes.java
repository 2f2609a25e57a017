package io.lurker.emulator.irc;

import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * BTTV, FFZ and 7TV emote sets of the world, derived from the seed and the channel index
 * alone (domains {@code bttv}, {@code ffz}, {@code 7tv}): about 60 % of channels have a BTTV
 * account, 45 % an FFZ room and 50 % a 7TV set; the others answer 404 as the providers do.
 */
public final class ThirdPartyEmotes {

    /** One third-party emote: provider id, the name chat uses and (7TV) the original name. */
    public record Emote(String provider, String id, String name, String originalName, boolean animated) {
    }

    static final List<String> BTTV_GLOBAL = List.of("SourPls", "FeelsBirthdayMan", "ShoopDaWhoop", "ConcernDoge",
            "cvHazmat", "CiGrip", "FireSpeed", "DatSauce", "BasedGod", "KappaCool");
    static final List<String> FFZ_GLOBAL = List.of("ZrehplaR", "YooHoo", "ManChicken", "BeanieHipster", "CatBag",
            "ZreknarF", "LilZ");
    static final List<String> SEVENTV_GLOBAL = List.of("EZ", "Clap", "peepoHappy", "RainTime", "gachiGASM",
            "ppL", "FeelsOkayMan", "BillyApprove");
    static final List<String> CHANNEL_NAMES = List.of("KEKW", "OMEGALUL", "Pog", "PepeLaugh", "monkaW", "catJAM",
            "pepeD", "Sadge", "widepeepoHappy", "LULW", "5Head", "AYAYA", "POGGERS", "PepeHands", "COPIUM", "Aware",
            "Clueless", "ICANT", "Stare", "peepoClap", "modCheck", "Susge", "Okayge", "NOTED", "xdd", "Chatting",
            "hmmm", "WAYTOODANK", "pepeMeltdown", "BOOBA", "forsenCD", "HUH", "Bedge", "GIGACHAD");

    private final long seed;

    public ThirdPartyEmotes(long seed) {
        this.seed = seed;
    }

    public List<Emote> bttvGlobal() {
        return global("bttv", BTTV_GLOBAL);
    }

    public List<Emote> ffzGlobal() {
        return global("ffz", FFZ_GLOBAL);
    }

    public List<Emote> seventvGlobal() {
        return global("7tv", SEVENTV_GLOBAL);
    }

    public boolean hasBttv(Channel channel) {
        return Seeds.unit(seed, "bttv", channel.index()) < 0.6;
    }

    public boolean hasFfz(Channel channel) {
        return Seeds.unit(seed, "ffz", channel.index()) < 0.45;
    }

    public boolean hasSeventv(Channel channel) {
        return Seeds.unit(seed, "7tv", channel.index()) < 0.5;
    }

    /** The channel's BTTV emotes (own first, then shared), empty without an account. */
    public List<Emote> bttvChannel(Channel channel) {
        return hasBttv(channel) ? channelSet("bttv", channel, 2, 8) : List.of();
    }

    public List<Emote> ffzChannel(Channel channel) {
        return hasFfz(channel) ? channelSet("ffz", channel, 1, 6) : List.of();
    }

    /** 7TV names are the channel's aliases; about one in five differs from the original name. */
    public List<Emote> seventvChannel(Channel channel) {
        return hasSeventv(channel) ? channelSet("7tv", channel, 3, 12) : List.of();
    }

    /** Every third-party emote a message in this channel may use, channel sets first. */
    public List<Emote> usableIn(Channel channel) {
        List<Emote> all = new ArrayList<>(seventvChannel(channel));
        all.addAll(bttvChannel(channel));
        all.addAll(ffzChannel(channel));
        all.addAll(seventvGlobal());
        all.addAll(bttvGlobal());
        all.addAll(ffzGlobal());
        return all;
    }

    private List<Emote> global(String provider, List<String> names) {
        List<Emote> emotes = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            emotes.add(new Emote(provider, id(provider, -1, i), names.get(i), names.get(i), i % 3 == 0));
        }
        return emotes;
    }

    private List<Emote> channelSet(String provider, Channel channel, int min, int max) {
        SplittableRandom random = Seeds.random(seed, provider + "-set", channel.index());
        int count = min + random.nextInt(max - min + 1);
        List<String> pool = new ArrayList<>(CHANNEL_NAMES);
        List<Emote> emotes = new ArrayList<>(count);
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            String original = pool.remove(random.nextInt(pool.size()));
            String name = provider.equals("7tv") && random.nextDouble() < 0.2 ? original + "2" : original;
            emotes.add(new Emote(provider, id(provider, channel.index(), i), name, original, random.nextDouble() < 0.3));
        }
        return emotes;
    }

    private String id(String provider, long channelIndex, int i) {
        long mixed = Seeds.mix(seed, provider + "-id", channelIndex, i);
        if (provider.equals("ffz")) {
            return Long.toString(100_000 + Math.floorMod(mixed, 900_000L));
        }
        // BTTV and 7TV ids: 24 hex digits (Mongo object ids)
        String hex = String.format(Locale.ROOT, "%016x%016x", mixed, Seeds.mix(seed, provider + "-id2", channelIndex, i));
        return hex.substring(0, 24);
    }
}
