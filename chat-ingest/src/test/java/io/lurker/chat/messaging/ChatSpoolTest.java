package io.lurker.chat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatSpoolTest {

    @TempDir
    Path dir;

    private static OutboundBatch batch(int n) {
        return new OutboundBatch("batch-" + n, "chat.message.chan" + (n % 3), n, Instant.ofEpochMilli(1_000L * n),
                ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(n % 50) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private ChatSpool open(long segmentBytes) throws IOException {
        return ChatSpool.open(dir, segmentBytes, 1 << 30, true);
    }

    @Test
    void keepsOrderAcrossReopenAndPartialRemoval() throws IOException {
        try (ChatSpool spool = open(1 << 20)) {
            for (int i = 0; i < 10; i++) {
                spool.append(batch(i));
            }
            spool.sync();
            assertThat(spool.batches()).isEqualTo(10);
            assertThat(spool.peek(3)).extracting(OutboundBatch::batchId).containsExactly("batch-0", "batch-1", "batch-2");
            spool.removeFirst(4);
        }
        try (ChatSpool spool = open(1 << 20)) {
            // the confirmed head is remembered: a restart replays only the unconfirmed rest
            assertThat(spool.recovery().batches()).isEqualTo(6);
            List<OutboundBatch> all = spool.peek(100);
            assertThat(all).extracting(OutboundBatch::batchId).containsExactly(
                    "batch-4", "batch-5", "batch-6", "batch-7", "batch-8", "batch-9");
            OutboundBatch seven = all.get(3);
            assertThat(seven.routingKey()).isEqualTo("chat.message.chan1");
            assertThat(seven.records()).isEqualTo(7);
            assertThat(seven.createdAt()).isEqualTo(Instant.ofEpochMilli(7000));
            assertThat(new String(seven.body(), StandardCharsets.UTF_8)).startsWith("{\"n\":7,");
            spool.removeFirst(6);
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.bytes()).isZero();
            assertThat(segmentFiles()).isEmpty();
        }
    }

    @Test
    void rollsFilesAndDeletesThemOnceConfirmed() throws IOException {
        try (ChatSpool spool = open(200)) {
            for (int i = 0; i < 12; i++) {
                spool.append(batch(i));
            }
            spool.sync();
            long files = segmentFiles().size();
            assertThat(files).isGreaterThan(3);
            spool.removeFirst(6);
            assertThat(segmentFiles().size()).isLessThan((int) files);
            // appends continue behind the head while it is being consumed
            spool.append(batch(12));
            assertThat(spool.peek(100)).extracting(OutboundBatch::batchId)
                    .containsExactly("batch-6", "batch-7", "batch-8", "batch-9", "batch-10", "batch-11", "batch-12");
            spool.removeFirst(7);
            assertThat(spool.batches()).isZero();
            assertThat(segmentFiles()).isEmpty();
            spool.append(batch(13));
            assertThat(spool.peek(5)).extracting(OutboundBatch::batchId).containsExactly("batch-13");
        }
    }

    @Test
    void restartInTheMiddleOfAReplayResumesAtTheConfirmedHead() throws IOException {
        try (ChatSpool spool = open(200)) {
            for (int i = 0; i < 12; i++) {
                spool.append(batch(i));
            }
            spool.removeFirst(5);
        }
        try (ChatSpool spool = open(200)) {
            assertThat(spool.batches()).isEqualTo(7);
            assertThat(spool.peek(100)).extracting(OutboundBatch::batchId).containsExactly(
                    "batch-5", "batch-6", "batch-7", "batch-8", "batch-9", "batch-10", "batch-11");
            long bytes = 0;
            for (int i = 5; i < 12; i++) {
                bytes += ChatSpool.recordSize(batch(i));
            }
            assertThat(spool.bytes()).isEqualTo(bytes);
        }
    }

    @Test
    void tornTailIsCutAndKeptAside() throws IOException {
        try (ChatSpool spool = open(1 << 20)) {
            for (int i = 0; i < 5; i++) {
                spool.append(batch(i));
            }
        }
        Path file = segmentFiles().get(0);
        long size = Files.size(file);
        int lastRecord = ChatSpool.recordSize(batch(4));
        // a crash in the middle of writing the last record
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - lastRecord / 2);
        }
        try (ChatSpool spool = open(1 << 20)) {
            ChatSpool.Recovery recovery = spool.recovery();
            assertThat(recovery.batches()).isEqualTo(4);
            assertThat(recovery.discardedBytes()).isEqualTo(lastRecord - lastRecord / 2);
            assertThat(recovery.damagedSegments()).isEqualTo(1);
            assertThat(Files.size(file)).isEqualTo(size - lastRecord);
            assertThat(discardedFiles()).hasSize(1);
            spool.append(batch(5));
            assertThat(spool.peek(10)).extracting(OutboundBatch::batchId)
                    .containsExactly("batch-0", "batch-1", "batch-2", "batch-3", "batch-5");
        }
    }

    @Test
    void corruptedRecordFailsItsChecksum() throws IOException {
        try (ChatSpool spool = open(1 << 20)) {
            for (int i = 0; i < 3; i++) {
                spool.append(batch(i));
            }
        }
        Path file = segmentFiles().get(0);
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(size - 3);
            raf.write('#'); // flip a byte inside the last record's body
        }
        try (ChatSpool spool = open(1 << 20)) {
            assertThat(spool.recovery().batches()).isEqualTo(2);
            assertThat(spool.peek(10)).extracting(OutboundBatch::batchId).containsExactly("batch-0", "batch-1");
        }
    }

    @Test
    void aHeaderCutShortOrGarbageIsDetected() throws IOException {
        try (ChatSpool spool = open(1 << 20)) {
            spool.append(batch(1));
        }
        Path file = segmentFiles().get(0);
        Files.write(file, new byte[] {'L', 'K', 'S'}, java.nio.file.StandardOpenOption.APPEND);
        try (ChatSpool spool = open(1 << 20)) {
            assertThat(spool.recovery().batches()).isEqualTo(1);
            assertThat(spool.recovery().discardedBytes()).isEqualTo(3);
        }
        Files.write(dir.resolve("spool-00000000000000000099.seg"), "not a spool at all, just text".getBytes(StandardCharsets.UTF_8));
        try (ChatSpool spool = open(1 << 20)) {
            assertThat(spool.batches()).isEqualTo(1);
            assertThat(spool.recovery().damagedSegments()).isEqualTo(1);
        }
    }

    @Test
    void refusesBatchesBeyondItsSize() throws IOException {
        try (ChatSpool spool = ChatSpool.open(dir, 1 << 20, 300, false)) {
            assertThat(spool.hasRoomFor(batch(40))).isTrue();
            while (spool.hasRoomFor(batch(40))) {
                spool.append(batch(40));
            }
            assertThat(spool.bytes()).isLessThanOrEqualTo(300);
            assertThat(spool.batches()).isGreaterThan(0);
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    private List<Path> discardedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("discarded-")).toList();
        }
    }
}
