package io.spmd4j.transport.ring;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A single-producer, single-consumer byte stream in a region of memory that both sides map: a
 * memory-mapped file shared by two processes, or a direct buffer shared by two threads.
 *
 * <pre>
 *   0   magic (int), version (int), capacity (int)
 * 128   tail: bytes ever written (long)        written by the producer only
 * 256   head: bytes ever read (long)           written by the consumer only
 * 384   reader waiting (int)                   set by the consumer before it blocks
 * 512   writer waiting (int)                   set by the producer before it blocks on a full ring
 * 1024  data: capacity bytes, a power of two; byte i of the stream is at data[i &amp; (capacity - 1)]
 * </pre>
 * The counters sit on cache lines of their own (two lines apart, against adjacent-line prefetch), so
 * the producer and the consumer never write the same line. The counters never wrap (2^63 bytes).
 *
 * <p><b>Memory ordering.</b> Data bytes are written and read with plain accesses; the counters carry
 * the ordering:
 * <ul>
 * <li>The producer copies the bytes in, then publishes {@code tail} with a volatile store; the consumer
 * reads {@code tail} with an acquire load before it reads the bytes. So every byte below the tail it
 * sees was written before it reads it (release/acquire on {@code tail}).</li>
 * <li>The consumer copies the bytes out, then publishes {@code head} with a volatile store; the producer
 * reads {@code head} with an acquire load before it overwrites the space. So the producer never
 * overwrites bytes the consumer has not finished reading (release/acquire on {@code head}).</li>
 * <li>Sleeping is a Dekker handshake of volatile (sequentially consistent) accesses. The consumer stores
 * {@code readerWaiting = 1}, then loads {@code tail}; the producer stores {@code tail}, then loads
 * {@code readerWaiting}. In any total order of those four accesses at least one side sees the other's
 * store: either the consumer sees the new tail and does not block, or the producer sees the flag and
 * rings the doorbell. That is why the publishing stores are volatile, not merely release: a release
 * store may be reordered after the following load (StoreLoad), which would lose a wake-up. The same
 * argument covers {@code writerWaiting} with {@code head}.</li>
 * </ul>
 * The producer caches the head and the consumer the tail it last saw, so the common case reads no
 * line the other side is writing.
 */
public final class ByteRing {
    /** Bytes before the data region. */
    public static final int HEADER_BYTES = 1024;
    static final int MAGIC = 0x52494E47; // "RING"
    static final int VERSION = 1;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int CAPACITY_OFFSET = 8;
    private static final int TAIL_OFFSET = 128;
    private static final int HEAD_OFFSET = 256;
    private static final int READER_WAITING_OFFSET = 384;
    private static final int WRITER_WAITING_OFFSET = 512;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer region;
    private final ByteBuffer data;
    private final int capacity;
    private final int mask;
    /** Producer side: the tail this side wrote last, and the head it last saw. */
    private long tail;
    private long headSeen;
    /** Consumer side: the head this side wrote last, and the tail it last saw. */
    private long head;
    private long tailSeen;

    private ByteRing(ByteBuffer region, int capacity) {
        this.region = region;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.data = region.duplicate().position(HEADER_BYTES).limit(HEADER_BYTES + capacity).slice();
        this.tail = (long) LONG.getVolatile(region, TAIL_OFFSET);
        this.headSeen = (long) LONG.getVolatile(region, HEAD_OFFSET);
        this.head = headSeen;
        this.tailSeen = tail;
    }

    /** Bytes of memory a ring of {@code capacity} data bytes needs. */
    public static long regionBytes(int capacity) {
        return HEADER_BYTES + (long) capacity;
    }

    /**
     * Lays out an empty ring in {@code region} (a direct buffer of {@link #regionBytes} bytes, zeroed
     * as fresh mappings and fresh direct buffers are) and returns its producer/consumer view.
     */
    public static ByteRing format(ByteBuffer region, int capacity) {
        checkRegion(region, capacity);
        region.putInt(CAPACITY_OFFSET, capacity);
        region.putInt(VERSION_OFFSET, VERSION);
        INT.setVolatile(region, MAGIC_OFFSET, MAGIC); // publishes the header fields above
        return new ByteRing(region, capacity);
    }

    /** Opens a ring that another side formatted in {@code region}; checks its header. */
    public static ByteRing attach(ByteBuffer region) throws IOException {
        if (region.capacity() < HEADER_BYTES) {
            throw new IOException("ring region of " + region.capacity() + " bytes has no room for its header");
        }
        int magic = (int) INT.getVolatile(region, MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new IOException("not a ring: magic " + Integer.toHexString(magic));
        }
        int version = region.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new IOException("ring version " + version + " is not " + VERSION);
        }
        int capacity = region.getInt(CAPACITY_OFFSET);
        if (capacity <= 0 || Integer.bitCount(capacity) != 1 || region.capacity() < regionBytes(capacity)) {
            throw new IOException("ring capacity " + capacity + " does not fit a region of " + region.capacity()
                + " bytes");
        }
        return new ByteRing(region, capacity);
    }

    private static void checkRegion(ByteBuffer region, int capacity) {
        if (!region.isDirect()) {
            throw new IllegalArgumentException("a ring needs a direct or mapped buffer");
        }
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is not a power of two");
        }
        if (region.capacity() < regionBytes(capacity)) {
            throw new IllegalArgumentException("region of " + region.capacity() + " bytes is smaller than "
                + regionBytes(capacity));
        }
    }

    /** Data capacity in bytes. */
    public int capacity() {
        return capacity;
    }

    // ---------------------------------------------------------------- producer side

    /** Copies as much of {@code src} as fits; returns the number of bytes written (0 when full). */
    public int write(ByteBuffer src) {
        int want = src.remaining();
        if (want == 0) {
            return 0;
        }
        long free = capacity - (tail - headSeen);
        if (free < want) {
            headSeen = (long) LONG.getAcquire(region, HEAD_OFFSET);
            free = capacity - (tail - headSeen);
            if (free == 0) {
                return 0;
            }
        }
        int n = (int) Math.min(want, free);
        int at = (int) (tail & mask);
        int first = Math.min(n, capacity - at);
        int from = src.position();
        data.put(at, src, from, first);
        if (first < n) {
            data.put(0, src, from + first, n - first);
        }
        src.position(from + n);
        tail += n;
        LONG.setVolatile(region, TAIL_OFFSET, tail); // release the bytes, and order before the flag load
        return n;
    }

    /** True when the producer can write at least one byte. */
    public boolean writable() {
        if (tail - headSeen < capacity) {
            return true;
        }
        headSeen = (long) LONG.getAcquire(region, HEAD_OFFSET);
        return tail - headSeen < capacity;
    }

    /**
     * After a write: true when the consumer announced it is going to sleep, in which case the caller
     * must wake it. Clears the announcement, so one doorbell serves one sleep.
     */
    public boolean takeReaderWaiting() {
        return (int) INT.getVolatile(region, READER_WAITING_OFFSET) != 0
            && INT.compareAndSet(region, READER_WAITING_OFFSET, 1, 0);
    }

    /**
     * Producer about to block on a full ring: announces it and returns true when the ring has room after
     * all (then the caller must not block, and should {@link #clearWriterWaiting}).
     */
    public boolean armWriter() {
        INT.setVolatile(region, WRITER_WAITING_OFFSET, 1);
        headSeen = (long) LONG.getVolatile(region, HEAD_OFFSET);
        return tail - headSeen < capacity;
    }

    /** Withdraws the producer's sleep announcement. */
    public void clearWriterWaiting() {
        INT.setRelease(region, WRITER_WAITING_OFFSET, 0);
    }

    // ---------------------------------------------------------------- consumer side

    /** Copies as many bytes as are available and fit {@code dst}; returns the count (0 when empty). */
    public int read(ByteBuffer dst) {
        int room = dst.remaining();
        if (room == 0) {
            return 0;
        }
        long avail = tailSeen - head;
        if (avail < room) {
            tailSeen = (long) LONG.getAcquire(region, TAIL_OFFSET);
            avail = tailSeen - head;
            if (avail == 0) {
                return 0;
            }
        }
        int n = (int) Math.min(room, avail);
        int at = (int) (head & mask);
        int first = Math.min(n, capacity - at);
        int to = dst.position();
        dst.put(to, data, at, first);
        if (first < n) {
            dst.put(to + first, data, 0, n - first);
        }
        dst.position(to + n);
        head += n;
        LONG.setVolatile(region, HEAD_OFFSET, head); // free the space, and order before the flag load
        return n;
    }

    /** True when at least one byte is waiting to be read. */
    public boolean readable() {
        if (tailSeen != head) {
            return true;
        }
        tailSeen = (long) LONG.getAcquire(region, TAIL_OFFSET);
        return tailSeen != head;
    }

    /** Bytes waiting to be read. */
    public long available() {
        tailSeen = (long) LONG.getAcquire(region, TAIL_OFFSET);
        return tailSeen - head;
    }

    /**
     * Consumer about to block: announces it and returns true when data arrived after all (then the caller
     * must not block, and should {@link #clearReaderWaiting}).
     */
    public boolean armReader() {
        INT.setVolatile(region, READER_WAITING_OFFSET, 1);
        tailSeen = (long) LONG.getVolatile(region, TAIL_OFFSET);
        return tailSeen != head;
    }

    /** Withdraws the consumer's sleep announcement. */
    public void clearReaderWaiting() {
        INT.setRelease(region, READER_WAITING_OFFSET, 0);
    }

    /**
     * After a read: true when the producer announced it is blocked on a full ring, in which case the
     * caller must wake it. Clears the announcement.
     */
    public boolean takeWriterWaiting() {
        return (int) INT.getVolatile(region, WRITER_WAITING_OFFSET) != 0
            && INT.compareAndSet(region, WRITER_WAITING_OFFSET, 1, 0);
    }
}
