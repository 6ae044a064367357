package io.spmd4j.transport.ring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ByteRingTest {
    private static final int CAPACITY = 4096;

    private static ByteBuffer region(int capacity) {
        return ByteBuffer.allocateDirect((int) ByteRing.regionBytes(capacity));
    }

    @Test
    void shouldKeepSeveralLargestRecordsInFlightInTheDefaultRing() {
        int capacity = io.spmd4j.engine.Config.DEFAULT_SHM_RING_BYTES;
        ByteRing ring = ByteRing.format(ByteBuffer.allocateDirect((int) ByteRing.regionBytes(capacity)), capacity);
        ByteBuffer record = ByteBuffer.allocate(ByteRing.MAX_RECORD_BYTES);
        int records = 0;
        while (ring.write(record.clear()) == ByteRing.MAX_RECORD_BYTES) {
            records++;
        }
        // the producer fills records while the consumer empties others: a large message streams at one copy's speed
        assertTrue(records >= 3, "the default ring of " + capacity + " bytes holds only " + records
            + " whole records of " + ByteRing.MAX_RECORD_BYTES + " bytes");
    }

    @Test
    void shouldWrapAroundAndReportFullAndEmpty() throws IOException {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = ByteRing.attach(region);
        assertFalse(consumer.readable());
        ByteBuffer src = ByteBuffer.allocate(3000);
        for (int i = 0; i < src.capacity(); i++) {
            src.put(i, (byte) i);
        }
        assertEquals(3000, producer.write(src)); // record [0, 3008)
        ByteBuffer dst = ByteBuffer.allocate(2000);
        assertEquals(2000, consumer.read(dst)); // stops inside the record
        src.clear();
        assertEquals(3000, producer.write(src), "the bytes read are free again"); // [3008, 6016), wraps
        src.clear();
        // 2008 bytes consumed, 6016 written: 88 free, and a record leaves 16 behind it
        assertEquals(72, producer.write(src), "only the free space is taken");
        assertFalse(producer.writable());
        ByteBuffer all = ByteBuffer.allocate(8192);
        assertEquals(4072, consumer.read(all));
        all.flip();
        for (int i = 0; i < 1000; i++) {
            assertEquals((byte) (2000 + i), all.get(i));
        }
        for (int i = 0; i < 3000; i++) {
            assertEquals((byte) i, all.get(1000 + i), "byte " + i + " of the record that wraps");
        }
        for (int i = 0; i < 72; i++) {
            assertEquals((byte) i, all.get(4000 + i));
        }
        assertFalse(consumer.readable());
        assertTrue(producer.writable());
    }

    @Test
    void shouldRefuseACorruptRecordHeader() {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = assertDoesNotThrow(() -> ByteRing.attach(region));
        producer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        region.putInt(ByteRing.HEADER_BYTES, 7); // the check word of the record at position 0
        IOException e = assertThrows(IOException.class, () -> consumer.read(ByteBuffer.allocate(16)));
        assertTrue(e.getMessage().contains("corrupt ring record at stream position 0"), e.getMessage());
        region.putLong(ByteRing.HEADER_BYTES, (long) CAPACITY << 32); // a length the ring cannot hold
        assertThrows(IOException.class, () -> consumer.read(ByteBuffer.allocate(16)));
    }

    @Test
    void shouldRefuseARegionThatIsNotARing() {
        ByteBuffer region = region(CAPACITY);
        assertThrows(IOException.class, () -> ByteRing.attach(region));
        assertThrows(IllegalArgumentException.class, () -> ByteRing.format(region, 3000));
        assertThrows(IllegalArgumentException.class, () -> ByteRing.format(ByteBuffer.allocate(8192), CAPACITY));
        ByteRing.format(region, CAPACITY);
        region.putInt(8, 1 << 20); // a capacity larger than the region
        assertThrows(IOException.class, () -> ByteRing.attach(region));
    }

    @Test
    void shouldAnnounceSleepersOnlyOnceAndSeeDataArrivingMeanwhile() throws IOException {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = ByteRing.attach(region);
        assertFalse(consumer.armReader(), "empty ring: the reader may sleep");
        producer.write(ByteBuffer.wrap(new byte[] {1}));
        assertTrue(producer.takeReaderWaiting(), "the writer must ring the doorbell");
        assertFalse(producer.takeReaderWaiting(), "one doorbell per sleep");
        assertTrue(consumer.armReader(), "data is there: the reader must not sleep");
        consumer.clearReaderWaiting();
        consumer.read(ByteBuffer.allocate(1));
        producer.write(ByteBuffer.allocate(CAPACITY));
        assertTrue(producer.armWriter() == false, "full ring: the writer may sleep");
        consumer.read(ByteBuffer.allocate(10));
        assertTrue(consumer.takeWriterWaiting(), "the reader must wake the writer");
        assertTrue(producer.armWriter(), "room again: the writer must not sleep");
    }

    @Test
    void shouldCarryAStreamBetweenThreadsIntact() throws Exception {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = ByteRing.attach(region);
        long total = 20_000_000;
        CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
            CRC32 crc = new CRC32();
            ByteBuffer chunk = ByteBuffer.allocateDirect(1024);
            long done = 0;
            int step = 1;
            while (done < total) {
                chunk.clear().limit((int) Math.min(step, total - done));
                for (int i = 0; i < chunk.limit(); i++) {
                    chunk.put(i, (byte) (done + i));
                }
                crc.update(chunk.duplicate());
                while (chunk.hasRemaining()) {
                    if (producer.write(chunk) == 0) {
                        Thread.onSpinWait();
                    }
                }
                done += chunk.limit();
                step = step % 997 + 13;
            }
            return crc.getValue();
        });
        CRC32 crc = new CRC32();
        ByteBuffer in = ByteBuffer.allocateDirect(777);
        long got = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (got < total) {
            in.clear();
            int n = consumer.read(in);
            if (n == 0) {
                assertTrue(System.nanoTime() < deadline, "stalled at " + got);
                Thread.onSpinWait();
                continue;
            }
            in.flip();
            crc.update(in);
            got += n;
        }
        assertEquals(sent.get(30, TimeUnit.SECONDS), crc.getValue());
        assertFalse(consumer.readable());
    }

    @Test
    void shouldCopyTypedElementsStraightInAndOutAcrossTheWrap() throws IOException {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = ByteRing.attach(region);
        producer.write(ByteBuffer.allocate(3000)); // moves the stream so that the next records wrap
        assertEquals(3000, consumer.read(ByteBuffer.allocate(3000)));
        long[] src = new long[900];
        for (int i = 0; i < src.length; i++) {
            src[i] = 0x0102_0304_0506_0708L * (i + 1);
        }
        int[] next = {0};
        int written = producer.write(src.length * 8L, Long.BYTES, (dst, bytes) -> {
            assertEquals(0, bytes % Long.BYTES, "a filler gets whole elements");
            dst.asLongBuffer().put(src, next[0], bytes / Long.BYTES);
            next[0] += bytes / Long.BYTES;
        });
        assertEquals(CAPACITY - 16, written, "one record fills the ring but for its header and the next one's");
        long[] dst = new long[src.length];
        int[] at = {0};
        int read = consumer.read(Long.MAX_VALUE, Long.BYTES, (from, bytes) -> {
            from.asLongBuffer().get(dst, at[0], bytes / Long.BYTES);
            at[0] += bytes / Long.BYTES;
        });
        assertEquals(written, read);
        for (int i = 0; i < written / Long.BYTES; i++) {
            assertEquals(src[i], dst[i], "element " + i);
        }
        assertFalse(consumer.readable());
    }

    @Test
    void shouldStopBeforeAnElementSplitAcrossRecords() throws IOException {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = ByteRing.attach(region);
        producer.write(ByteBuffer.allocate(12)); // one record of 12 bytes: one long and half of the next
        int read = consumer.read(64, Long.BYTES, (from, bytes) -> from.position(from.position() + bytes));
        assertEquals(8, read, "the whole element only");
        assertEquals(0, consumer.read(64, Long.BYTES, (from, bytes) -> { }), "the split element waits");
        assertTrue(consumer.readable());
        assertEquals(4, consumer.read(ByteBuffer.allocate(64)), "a byte read takes the rest");
        assertThrows(IllegalArgumentException.class, () -> producer.write(8, 3, (dst, bytes) -> { }));
    }

    @Test
    void shouldWriteAndParseRecordsInPlaceAndMixWithCopiesAcrossTheWrap() throws IOException {
        ByteBuffer region = region(CAPACITY);
        ByteRing producer = ByteRing.format(region, CAPACITY);
        ByteRing consumer = ByteRing.attach(region);
        assertEquals(null, consumer.peek(), "nothing waiting");
        ByteBuffer w = producer.claimContiguous(40);
        assertEquals(40, w.remaining());
        for (int i = 0; i < 40; i++) {
            w.put(w.position() + i, (byte) (i + 1));
        }
        assertFalse(consumer.readable(), "a claimed record is not visible before it is published");
        producer.publishClaimed(40);
        ByteBuffer v = consumer.peek();
        assertEquals(40, v.remaining());
        assertEquals(1, v.get(v.position()));
        consumer.consumed(16);
        ByteBuffer rest = ByteBuffer.allocate(100);
        assertEquals(24, consumer.read(rest), "a copying read goes on where the in-place reading stopped");
        assertEquals(17, rest.get(0));
        assertThrows(IllegalArgumentException.class, () -> consumer.consumed(1), "no record is current");

        producer.write(ByteBuffer.allocate(3984)); // the next record's payload would start 48 bytes before the end
        assertEquals(3984, consumer.peek().remaining());
        consumer.consumed(3984);
        consumer.release();
        assertEquals(null, producer.claimContiguous(100), "a record that would wrap is refused");
        assertEquals(24, producer.claimContiguous(24).remaining());
        producer.publishClaimed(24);
        ByteBuffer wrapping = ByteBuffer.allocate(100);
        for (int i = 0; i < 100; i++) {
            wrapping.put(i, (byte) (100 + i));
        }
        assertEquals(100, producer.write(wrapping), "a copying write wraps");
        assertEquals(24, consumer.peek().remaining());
        consumer.consumed(24);
        ByteBuffer first = consumer.peek();
        assertEquals(CAPACITY - 16, first.position());
        assertEquals(16, first.remaining(), "the wrapping record up to the region's end");
        for (int i = 0; i < 16; i++) {
            assertEquals((byte) (100 + i), first.get(first.position() + i));
        }
        consumer.consumed(16);
        ByteBuffer second = consumer.peek();
        assertEquals(0, second.position(), "then from the start of the region");
        assertEquals(84, second.remaining());
        assertEquals((byte) 116, second.get(0));
        consumer.consumed(84);
        consumer.release();
        assertEquals(null, consumer.peek());
        assertFalse(consumer.readable());

        int records = 0;
        for (ByteBuffer b = producer.claimContiguous(64); b != null; b = producer.claimContiguous(64)) {
            b.put(b.position(), (byte) records);
            producer.publishClaimed(64);
            records++;
        }
        assertEquals(55, records, "records of 64 bytes (72 with their headers) until the next one would wrap");
        assertEquals(64, producer.write(ByteBuffer.allocate(64)), "a copying write still fits, across the end");
        for (int i = 0; i < records; i++) {
            ByteBuffer r = consumer.peek();
            assertEquals(64, r.remaining());
            assertEquals((byte) i, r.get(r.position()), "record " + i);
            consumer.consumed(64);
        }
        assertEquals(40, consumer.peek().remaining(), "the wrapping record up to the end");
        consumer.consumed(40);
        assertEquals(24, consumer.peek().remaining(), "and its rest");
        consumer.consumed(24);
        consumer.release();
        assertEquals(null, consumer.peek());
        assertEquals(8, producer.claimContiguous(8).remaining(), "the space is free again");
        assertThrows(IllegalArgumentException.class, () -> producer.claimContiguous(0));
        assertThrows(IllegalArgumentException.class, () -> producer.claimContiguous(ByteRing.MAX_RECORD_BYTES + 1));
    }
}
