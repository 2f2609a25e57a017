package io.lurker.chat.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    /** Feeds the stream through a splitter in reads of at most {@code chunk} bytes, as a socket would. */
    private static List<byte[]> split(byte[] stream, int chunk, int initial, int max) throws Exception {
        List<byte[]> out = new ArrayList<>();
        LineSplitter.Sink sink = (buf, off, len) -> out.add(Arrays.copyOfRange(buf, off, off + len));
        LineSplitter lines = new LineSplitter(initial, max);
        InputStream in = new ByteArrayInputStream(stream);
        while (true) {
            lines.prepare(sink);
            int n = in.read(lines.buffer(), lines.end(), Math.min(chunk, lines.room()));
            if (n < 0) {
                lines.finish(sink);
                return out;
            }
            lines.written(n, sink);
        }
    }

    private static List<String> text(List<byte[]> lines) {
        return lines.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void splitsOnLfDropsCrSkipsEmptyLinesAndKeepsTheLastLineWithoutLf() throws Exception {
        byte[] stream = "PING :a\r\n\r\n:x PRIVMSG #c :hi\nlast".getBytes(StandardCharsets.ISO_8859_1);
        for (int chunk : new int[]{1, 3, 7, 1000}) {
            assertThat(text(split(stream, chunk, 4, 64))).as("chunk %d", chunk)
                    .containsExactly("PING :a", ":x PRIVMSG #c :hi", "last");
        }
    }

    @Test
    void bytesStayAsReceived() throws Exception {
        byte[] stream = {(byte) 0xC3, 0x28, (byte) 0xFF, '\n', 'o', 'k', '\n'};
        List<byte[]> lines = split(stream, 2, 4, 64);
        assertThat(lines.get(0)).containsExactly(0xC3, 0x28, 0xFF);
        assertThat(lines.get(1)).containsExactly('o', 'k');
    }

    @Test
    void aLineOverTheMaximumComesOutOnceCutAndItsRestIsDropped() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes("before\n".getBytes(StandardCharsets.ISO_8859_1));
        stream.writeBytes(("@a=b :x PRIVMSG #c :" + "A".repeat(300) + " PRIVMSG #c :fake\n").getBytes(StandardCharsets.ISO_8859_1));
        stream.writeBytes("after\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int chunk : new int[]{5, 64, 1000}) {
            List<String> lines = text(split(stream.toByteArray(), chunk, 16, 100));
            assertThat(lines).as("chunk %d", chunk).hasSize(3);
            assertThat(lines.get(0)).isEqualTo("before");
            assertThat(lines.get(1)).hasSize(100).startsWith("@a=b :x PRIVMSG #c :AAA");
            assertThat(lines.get(2)).isEqualTo("after");
        }
    }
}
