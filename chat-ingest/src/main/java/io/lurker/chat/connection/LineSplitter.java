package io.lurker.chat.connection;

import java.util.Arrays;

/**
 * Splits the bytes read from a socket into lines on LF (a CR before it is dropped, empty lines
 * are skipped) without decoding them, so invalid UTF-8 reaches the parser as received. A line
 * longer than {@code maxLine} bytes is handed over once, cut at {@code maxLine} (the parser keeps
 * it as {@code too-long}), and the rest of it up to its LF is dropped: it does not come out as
 * more lines.
 *
 * <p>Use: {@link #prepare} before each read, read into {@link #buffer()} at {@link #end()} up to
 * {@link #room()} bytes, then {@link #written}; {@link #finish} at end of stream.
 */
final class LineSplitter {

    interface Sink {
        void line(byte[] buf, int off, int len) throws InterruptedException;
    }

    private final int maxLine;
    private byte[] buf;
    private int start;
    private int end;
    /** Inside a line that was already handed over cut: drop until its LF. */
    private boolean discarding;

    LineSplitter(int initialSize, int maxLine) {
        this.buf = new byte[Math.min(initialSize, maxLine)];
        this.maxLine = maxLine;
    }

    /** Makes room to read into: compacts, grows up to {@code maxLine}, or hands over an over-long line. */
    void prepare(Sink sink) throws InterruptedException {
        if (end < buf.length) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        } else if (buf.length < maxLine) {
            buf = Arrays.copyOf(buf, Math.min(maxLine, buf.length * 2));
        } else {
            if (!discarding) {
                sink.line(buf, 0, end);
                discarding = true;
            }
            start = 0;
            end = 0;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int end() {
        return end;
    }

    int room() {
        return buf.length - end;
    }

    /** {@code n} bytes were read into the buffer at {@link #end()}: hands over every complete line. */
    void written(int n, Sink sink) throws InterruptedException {
        int scanFrom = end;
        end += n;
        for (int i = scanFrom; i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (discarding) {
                discarding = false;
            } else {
                int len = i - start;
                if (len > 0 && buf[start + len - 1] == '\r') {
                    len--;
                }
                if (len > 0) {
                    sink.line(buf, start, len);
                }
            }
            start = i + 1;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** End of stream: a last line without LF is handed over too. */
    void finish(Sink sink) throws InterruptedException {
        if (end > start && !discarding) {
            int len = end - start;
            if (buf[start + len - 1] == '\r') {
                len--;
            }
            if (len > 0) {
                sink.line(buf, start, len);
            }
        }
        start = 0;
        end = 0;
    }
}
