package io.lurker.bench.chat;

import io.lurker.emulator.irc.ChatLines;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.WorldData;
import io.lurker.emulator.world.WorldGenerator;
import io.lurker.emulator.world.WorldSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The chat the twitch-emulator's TMI server sends, generated in-process by its own classes
 * ({@link WorldGenerator}, {@link ChatLines}): the same lines, byte for byte, that a connection to
 * the emulator receives for (world seed, size, channel, sequence number). Channels are picked in
 * proportion to popularity + 1, as the firehose spreads its rate over viewers + 1 (the live
 * viewer counts themselves need the emulator's clock). Each channel's lines follow its own
 * sequence from 0, as on a fresh connection.
 */
public final class EmulatorChatCorpus {

    /** The emulator's default start time of manual and accelerated clocks. */
    private static final Instant START = Instant.parse("2025-03-14T18:00:00Z");

    private EmulatorChatCorpus() {
    }

    public static List<String> generate(long seed, String size, int count) {
        WorldData world = WorldGenerator.generate(WorldSpec.preset(seed, size), START);
        ChatLines chat = new ChatLines(world);
        List<Channel> channels = world.channels();
        double[] cumulative = new double[channels.size()];
        double total = 0;
        for (int i = 0; i < channels.size(); i++) {
            total += channels.get(i).popularity() + 1;
            cumulative[i] = total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, ChatLines.ChannelContext> contexts = new HashMap<>();
        Map<Integer, Long> sequences = new HashMap<>();
        List<String> lines = new ArrayList<>(count);
        long sentAt = START.toEpochMilli();
        for (int i = 0; i < count; i++) {
            int pick = indexOf(cumulative, random.nextDouble() * total);
            Channel channel = channels.get(pick);
            ChatLines.ChannelContext context = contexts.computeIfAbsent(pick, k -> chat.context(channel));
            long seq = sequences.merge(pick, 1L, Long::sum) - 1;
            lines.add(chat.line(context, seq, sentAt + i).text());
        }
        return lines;
    }

    private static int indexOf(double[] cumulative, double value) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
