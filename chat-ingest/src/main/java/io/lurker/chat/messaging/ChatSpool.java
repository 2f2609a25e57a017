package io.lurker.chat.messaging;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jboss.logging.Logger;

/**
 * An append-only, on-disk FIFO of batches, used while RabbitMQ is unreachable and replayed in
 * order once it is back.
 *
 * <p>Files {@code spool-<20-digit sequence>.seg} in one directory, each a run of records:
 * <pre>
 *   magic   4 bytes  "LKS1"
 *   length  4 bytes  payload length (big endian)
 *   crc     4 bytes  CRC-32C over length and payload
 *   payload length bytes:
 *           u16 routing-key length, routing key (UTF-8), u16 batch-id length, batch id,
 *           i32 records, i64 created-at epoch ms, body (the rest)
 * </pre>
 * On opening, every file is checked record by record. A torn tail (a crash in the middle of a
 * write) or a record failing its checksum is cut off; the cut bytes are kept in
 * {@code discarded-<sequence>.bin} for inspection and reported by {@link #recovery()}. A file
 * whose records have all been confirmed is deleted.
 *
 * <p>Not thread-safe except for {@link #batches()} and {@link #bytes()}: one publisher thread
 * owns it.
 */
public final class ChatSpool implements Closeable {

    private static final Logger LOG = Logger.getLogger(ChatSpool.class);
    static final int MAGIC = 0x4C4B5331; // "LKS1"
    static final int HEADER = 12;
    static final int MAX_RECORD = 256 * 1024 * 1024;
    private static final String PREFIX = "spool-";
    private static final String SUFFIX = ".seg";
    private static final String HEAD_FILE = "head";

    /** What opening the spool found. */
    public record Recovery(long batches, long bytes, long discardedBytes, int damagedSegments) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final long maxBytes;
    private final boolean fsync;
    /** sequence → size in bytes (valid records only). */
    private final TreeMap<Long, Long> segments = new TreeMap<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Recovery recovery;

    private FileChannel tail;
    private long tailSequence = -1;
    private boolean dirty;

    private long headSequence = -1;
    private long headOffset;
    private FileChannel headReader;
    private long headReaderSequence = -1;

    private ChatSpool(Path dir, long segmentBytes, long maxBytes, boolean fsync) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
        this.fsync = fsync;
        Files.createDirectories(dir);
        this.recovery = recover();
    }

    public static ChatSpool open(Path dir, long segmentBytes, long maxBytes, boolean fsync) throws IOException {
        return new ChatSpool(dir, segmentBytes, maxBytes, fsync);
    }

    public Recovery recovery() {
        return recovery;
    }

    /** Batches held. */
    public long batches() {
        return batches.get();
    }

    /** Bytes held on disk (records not yet confirmed). */
    public long bytes() {
        return bytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean isEmpty() {
        return batches.get() == 0;
    }

    public Path directory() {
        return dir;
    }

    /** Whether a batch of this size still fits under {@code maxBytes}. */
    public boolean hasRoomFor(OutboundBatch batch) {
        return bytes.get() + recordSize(batch) <= maxBytes || batches.get() == 0;
    }

    /** Appends a batch at the end; durable after {@link #sync()}. */
    public void append(OutboundBatch batch) throws IOException {
        byte[] record = encode(batch);
        if (tail == null || (segments.get(tailSequence) > 0 && segments.get(tailSequence) + record.length > segmentBytes)) {
            roll();
        }
        ByteBuffer buffer = ByteBuffer.wrap(record);
        while (buffer.hasRemaining()) {
            tail.write(buffer);
        }
        segments.merge(tailSequence, (long) record.length, Long::sum);
        if (headSequence < 0) {
            headSequence = tailSequence;
            headOffset = 0;
        }
        dirty = true;
        bytes.addAndGet(record.length);
        batches.incrementAndGet();
    }

    /** Forces appended records to disk (when fsync is on). */
    public void sync() throws IOException {
        if (dirty && tail != null) {
            if (fsync) {
                tail.force(false);
            }
            dirty = false;
        }
    }

    /** Up to {@code max} batches from the head, oldest first, without removing them. */
    public List<OutboundBatch> peek(int max) throws IOException {
        List<OutboundBatch> found = new ArrayList<>(Math.min(max, 64));
        long sequence = headSequence;
        long offset = headOffset;
        while (found.size() < max && sequence >= 0) {
            Long size = segments.get(sequence);
            if (size == null) {
                break;
            }
            if (offset >= size) {
                Long next = segments.higherKey(sequence);
                if (next == null) {
                    break;
                }
                sequence = next;
                offset = 0;
                continue;
            }
            FileChannel reader = reader(sequence);
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(reader, header, offset);
            header.flip();
            header.getInt();
            int length = header.getInt();
            header.getInt();
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(reader, payload, offset + HEADER);
            found.add(decode(payload.array()));
            offset += HEADER + length;
        }
        return found;
    }

    /** Removes the {@code count} oldest batches (they were confirmed); deletes files left empty. */
    public void removeFirst(int count) throws IOException {
        for (int i = 0; i < count && moveHeadToRecord(); i++) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(reader(headSequence), header, headOffset);
            header.flip();
            header.getInt();
            int length = header.getInt();
            headOffset += HEADER + length;
            bytes.addAndGet(-(HEADER + length));
            batches.decrementAndGet();
        }
        if (batches.get() == 0) {
            reset();
        } else {
            moveHeadToRecord();
            writeHead();
        }
    }

    /**
     * Records how far the head file was confirmed, so a restart in the middle of a replay does
     * not publish the confirmed part again. Best effort: without it the rest is only replayed twice.
     */
    private void writeHead() {
        try {
            Path tmp = dir.resolve(HEAD_FILE + ".tmp");
            Files.writeString(tmp, headSequence + " " + headOffset + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(HEAD_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debugf("Could not record the spool head: %s", e.getMessage());
        }
    }

    /** Applies the head marker written by {@link #writeHead}, if it points at a record boundary. */
    private void applyHead() throws IOException {
        Path file = dir.resolve(HEAD_FILE);
        if (!Files.exists(file) || segments.isEmpty()) {
            return;
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        long sequence;
        long offset;
        try {
            sequence = Long.parseLong(parts[0]);
            offset = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            return;
        }
        Long size = segments.get(sequence);
        if (size == null || offset <= 0 || offset > size) {
            return;
        }
        long at = 0;
        long records = 0;
        try (FileChannel channel = FileChannel.open(segmentPath(sequence), StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (at < offset) {
                header.clear();
                readFully(channel, header, at);
                header.flip();
                header.getInt();
                at += HEADER + header.getInt();
                records++;
            }
        }
        if (at != offset) {
            return;
        }
        for (Long earlier : new ArrayList<>(segments.headMap(sequence).keySet())) {
            Files.deleteIfExists(segmentPath(earlier));
            segments.remove(earlier);
        }
        long remainingBytes = 0;
        long remainingRecords = 0;
        for (Map.Entry<Long, Long> segment : segments.entrySet()) {
            remainingBytes += segment.getValue();
            remainingRecords += count(segmentPath(segment.getKey()));
        }
        headSequence = sequence;
        headOffset = offset;
        bytes.set(remainingBytes - offset);
        batches.set(remainingRecords - records);
    }

    private static long count(Path file) throws IOException {
        return scan(file)[1];
    }

    /** Skips (and deletes) fully consumed files; false when no record is left. */
    private boolean moveHeadToRecord() throws IOException {
        while (headSequence >= 0) {
            Long size = segments.get(headSequence);
            if (size == null) {
                return false;
            }
            if (headOffset < size) {
                return true;
            }
            if (headSequence == tailSequence) {
                return false;
            }
            advanceHeadSegment();
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        sync();
        closeQuietly(headReader);
        headReader = null;
        if (tail != null) {
            tail.close();
            tail = null;
        }
    }

    // ---- recovery

    private Recovery recover() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long discarded = 0;
        int damaged = 0;
        for (Path file : files) {
            long sequence = sequenceOf(file);
            if (sequence < 0) {
                continue;
            }
            long[] scan = scan(file);
            long goodEnd = scan[0];
            long goodRecords = scan[1];
            long size = Files.size(file);
            if (goodEnd < size) {
                damaged++;
                discarded += size - goodEnd;
                keepDiscarded(file, sequence, goodEnd, size);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(goodEnd);
                    channel.force(true);
                }
                LOG.warnf("Spool file %s: cut %d damaged bytes after %d good batches (torn write or corruption)",
                        file.getFileName(), size - goodEnd, goodRecords);
            }
            if (goodRecords == 0) {
                Files.deleteIfExists(file);
                continue;
            }
            segments.put(sequence, goodEnd);
            batches.addAndGet(goodRecords);
            bytes.addAndGet(goodEnd);
        }
        if (!segments.isEmpty()) {
            headSequence = segments.firstKey();
            headOffset = 0;
            tailSequence = segments.lastKey();
            applyHead();
        } else {
            Files.deleteIfExists(dir.resolve(HEAD_FILE));
        }
        return new Recovery(batches.get(), bytes.get(), discarded, damaged);
    }

    /** Returns {end of the last good record, good records}: stops at the first damaged record. */
    private static long[] scan(Path file) throws IOException {
        long offset = 0;
        long records = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (size - offset >= HEADER) {
                header.clear();
                readFully(channel, header, offset);
                header.flip();
                int magic = header.getInt();
                int length = header.getInt();
                int crc = header.getInt();
                if (magic != MAGIC || length < 0 || length > MAX_RECORD || offset + HEADER + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, offset + HEADER);
                if (crc(length, payload.array()) != crc) {
                    break;
                }
                offset += HEADER + length;
                records++;
            }
        }
        return new long[] {offset, records};
    }

    private void keepDiscarded(Path file, long sequence, long from, long to) {
        Path target = dir.resolve("discarded-" + String.format("%020d", sequence) + "-" + System.currentTimeMillis() + ".bin");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            in.transferTo(from, to - from, out);
        } catch (IOException e) {
            LOG.warnf("Could not keep the discarded spool bytes of %s: %s", file.getFileName(), e.getMessage());
        }
    }

    // ---- segments

    private void roll() throws IOException {
        if (tail != null) {
            if (fsync) {
                tail.force(false);
            }
            tail.close();
        }
        tailSequence = segments.isEmpty() ? Math.max(tailSequence + 1, 0) : segments.lastKey() + 1;
        Path file = dir.resolve(PREFIX + String.format("%020d", tailSequence) + SUFFIX);
        tail = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.put(tailSequence, tail.size());
        if (fsync) {
            forceDirectory();
        }
    }

    private void advanceHeadSegment() throws IOException {
        long done = headSequence;
        Long next = segments.higherKey(done);
        segments.remove(done);
        if (headReaderSequence == done) {
            closeQuietly(headReader);
            headReader = null;
            headReaderSequence = -1;
        }
        Files.deleteIfExists(segmentPath(done));
        headSequence = next == null ? -1 : next;
        headOffset = 0;
    }

    /** Everything confirmed: delete all files and start the next append in a new file. */
    private void reset() throws IOException {
        closeQuietly(headReader);
        headReader = null;
        headReaderSequence = -1;
        if (tail != null) {
            tail.close();
            tail = null;
        }
        for (Long sequence : segments.keySet()) {
            Files.deleteIfExists(segmentPath(sequence));
        }
        segments.clear();
        Files.deleteIfExists(dir.resolve(HEAD_FILE));
        headSequence = -1;
        headOffset = 0;
        bytes.set(0);
        dirty = false;
    }

    private FileChannel reader(long sequence) throws IOException {
        if (headReaderSequence != sequence || headReader == null) {
            closeQuietly(headReader);
            headReader = FileChannel.open(segmentPath(sequence), StandardOpenOption.READ);
            headReaderSequence = sequence;
        }
        return headReader;
    }

    private Path segmentPath(long sequence) {
        return dir.resolve(PREFIX + String.format("%020d", sequence) + SUFFIX);
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a directory be opened; the data files are forced anyway
        }
    }

    // ---- records

    static int recordSize(OutboundBatch batch) {
        return HEADER + 2 + utf8(batch.routingKey()).length + 2 + utf8(batch.batchId()).length + 4 + 8
                + batch.body().length;
    }

    static byte[] encode(OutboundBatch batch) {
        byte[] key = utf8(batch.routingKey());
        byte[] id = utf8(batch.batchId());
        int length = 2 + key.length + 2 + id.length + 4 + 8 + batch.body().length;
        ByteBuffer record = ByteBuffer.allocate(HEADER + length);
        record.putInt(MAGIC).putInt(length).putInt(0);
        record.putShort((short) key.length).put(key);
        record.putShort((short) id.length).put(id);
        record.putInt(batch.records()).putLong(batch.createdAt().toEpochMilli());
        record.put(batch.body());
        byte[] bytes = record.array();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 4, 4);
        crc.update(bytes, HEADER, length);
        ByteBuffer.wrap(bytes).putInt(8, (int) crc.getValue());
        return bytes;
    }

    static OutboundBatch decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        byte[] key = new byte[in.getShort() & 0xFFFF];
        in.get(key);
        byte[] id = new byte[in.getShort() & 0xFFFF];
        in.get(id);
        int records = in.getInt();
        long createdAt = in.getLong();
        byte[] body = new byte[in.remaining()];
        in.get(body);
        return new OutboundBatch(new String(id, StandardCharsets.UTF_8), new String(key, StandardCharsets.UTF_8),
                records, Instant.ofEpochMilli(createdAt), body);
    }

    private static int crc(int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(length).array());
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("spool file ended early at " + at);
            }
            at += read;
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // reader only
            }
        }
    }

    /** For tests and health: the files currently holding batches. */
    Map<Long, Long> segmentSizes() {
        return Map.copyOf(segments);
    }
}
