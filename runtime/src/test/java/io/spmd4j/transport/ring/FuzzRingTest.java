package io.spmd4j.transport.ring;

import io.spmd4j.testing.Fuzzer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the shared-memory ring's consumer: the whole mapped region (ring header, head counter, record
 * headers and payloads) is written by another process, so every byte of it is outside input. Each input
 * is laid over a region, attached ({@link ByteRing#attach}) and read to its end. The only allowed ends
 * are an {@link IOException} naming the corrupt header, or a clean read of whatever records are valid,
 * alternately copied out ({@link ByteRing#read}) and used in place ({@link ByteRing#peek});
 * reads never leave the region (an {@link IndexOutOfBoundsException} would be a failure) and always end.
 */
class FuzzRingTest {
    private static final int CAPACITY = 256;
    private static final int MAX_READS = CAPACITY + 16;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldRefuseCorruptRingHeadersAndRecordsWithoutReadingOutsideTheRing() {
        Fuzzer.check(new RingTarget(), 5_000);
    }

    /** A region holding fuzzed bytes, attached as a consumer. */
    static final class RingTarget implements Fuzzer.Target {
        private final ByteBuffer region = ByteBuffer.allocateDirect((int) ByteRing.regionBytes(CAPACITY));
        private final ByteBuffer dst = ByteBuffer.allocateDirect(100);

        @Override
        public String name() {
            return "shm ring records";
        }

        @Override
        public List<byte[]> seeds() {
            List<byte[]> s = new ArrayList<>();
            s.add(snapshot(0, 10, 3, 200));
            s.add(snapshot(150, 30, 64, 100)); // records that wrap around the end of the data region
            s.add(snapshot(0, 1, 1, 1));
            return s;
        }

        /** A region after writing {@code first} bytes and reading them back, then writing records. */
        private byte[] snapshot(int first, int a, int b, int c) {
            clear();
            ByteRing producer = ByteRing.format(region, CAPACITY);
            try {
                ByteRing consumer = ByteRing.attach(region);
                producer.write(ByteBuffer.allocate(first));
                ByteBuffer sink = ByteBuffer.allocate(CAPACITY);
                while (consumer.read(sink.clear()) > 0) {
                    // drain: moves the head, so the records below sit at another position
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            for (int n : new int[] {a, b, c}) {
                ByteBuffer p = ByteBuffer.allocate(n);
                for (int i = 0; i < n; i++) {
                    p.put(i, (byte) (n + i));
                }
                producer.write(p);
            }
            byte[] out = new byte[region.capacity()];
            region.get(0, out);
            return out;
        }

        private void clear() {
            for (int i = 0; i < region.capacity(); i += Long.BYTES) {
                region.putLong(i, 0L);
            }
        }

        @Override
        public long allocationLimitBytes(byte[] input) {
            return 64 * 1024;
        }

        @Override
        public String run(byte[] input) {
            clear();
            region.put(0, input, 0, Math.min(input.length, region.capacity()));
            ByteRing ring;
            try {
                ring = ByteRing.attach(region);
            } catch (IOException e) {
                return "ring refused";
            }
            try {
                for (int i = 0; i < MAX_READS; i++) {
                    if (i % 2 == 0) { // in place, as frames are parsed: peek, use part of what is shown
                        ByteBuffer v = ring.peek();
                        if (v == null) {
                            return "records read";
                        }
                        int n = Math.min(v.remaining(), 1 + i % 13);
                        v.get(v.position() + n - 1);
                        ring.consumed(n);
                        ring.release();
                    } else if (ring.read(dst.clear()) == 0) {
                        return "records read";
                    }
                }
            } catch (IOException e) {
                return "corrupt record refused";
            }
            throw new AssertionError("the consumer read more than the ring holds");
        }
    }
}
