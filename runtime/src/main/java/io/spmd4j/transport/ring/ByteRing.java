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
 * 256   head: bytes ever consumed (long)       written by the consumer only
 * 384   reader waiting (int)                   set by the consumer before it blocks
 * 512   writer waiting (int)                   set by the producer before it blocks on a full ring
 * 1024  data: capacity bytes, a power of two; stream position i is at data[i &amp; (capacity - 1)]
 * </pre>
 * <b>Records.</b> Each {@link #write} appends one record: an 8-byte header at a position that is a
 * multiple of 8, then the payload, then padding to the next multiple of 8. The header holds the
 * payload length (high 32 bits, at least 1) and a check word, the record's position divided by 8
 * (low 32 bits). A header word of 0 means "nothing yet". The consumer polls the header word at its
 * own position, so a small message costs one cache line moving from the producer's core to the
 * consumer's: the header, the payload and the next record's empty header share it. There is no tail
 * counter to poll (version 1 of this layout had one, and paid for a second line per message).
 *
 * <p><b>Why a header slot never holds stale bytes.</b> Before it publishes a record at position p,
 * the producer stores 0 at the position q where the next record will start. So when the consumer
 * arrives at q it reads either that 0 or the real header, never an old payload byte that happens to
 * look like one. The producer only writes a record when it leaves 16 bytes free behind it, so q is
 * always space the consumer has already released, never the consumer's unread current record.
 *
 * <p><b>Memory ordering.</b> Payload bytes and the zero at q are written with plain stores; the
 * header word carries the ordering:
 * <ul>
 * <li>The producer writes the payload and the zero at q, then stores the header at p with a volatile
 * store; the consumer loads the header with an acquire load before it reads the payload. So the
 * payload and the zero are visible to it (release/acquire on the header word). A {@link Filler}
 * (typed data copied straight in by the caller) runs before that store on the producer's thread, so
 * its plain stores are published the same way.</li>
 * <li>The consumer copies bytes out, then publishes {@code head} with a volatile store; the producer
 * reads {@code head} with an acquire load before it reuses the space. So the producer never
 * overwrites bytes the consumer has not finished reading (release/acquire on {@code head}). A
 * {@link Drain} runs, on the consumer's thread, after the header's acquire load and before that store,
 * so it only reads published bytes, and the space is released only after it has returned.</li>
 * <li>Sleeping is a Dekker handshake of volatile (sequentially consistent) accesses. The consumer stores
 * {@code readerWaiting = 1}, then loads the header word at its position; the producer stores the
 * header, then loads {@code readerWaiting}. In any total order of those four accesses at least one
 * side sees the other's store: either the consumer sees the record and does not block, or the producer
 * sees the flag and rings the doorbell. That is why the publishing stores are volatile, not merely
 * release: a release store may be reordered after the following load (StoreLoad), which would lose a
 * wake-up. The same argument covers {@code writerWaiting} with {@code head}.</li>
 * </ul>
 * The producer caches the head it last saw, so the common case reads no line the consumer is
 * writing. A header whose check word or length is wrong (a peer that does not follow the protocol)
 * makes {@link #read} throw an {@link IOException}; it never makes the consumer read outside the ring.
 */
public final class ByteRing {
    /** Bytes before the data region. */
    public static final int HEADER_BYTES = 1024;
    static final int MAGIC = 0x52494E47; // "RING"
    static final int VERSION = 2;
    /** Bytes of a record header; records start at multiples of it. */
    static final int RECORD_HEADER_BYTES = 8;
    /** Space a write leaves free behind its record: the next record's empty header, and slack. */
    private static final int RESERVE_BYTES = 2 * RECORD_HEADER_BYTES;
    /**
     * Largest record. Records this size let the consumer copy one record out while the producer copies
     * the next one in, so a large message streams through at the speed of one copy, not two.
     */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    /** After copying out a record of at least this many bytes, the consumer releases its space at once. */
    private static final int RELEASE_EARLY_BYTES = 16 * 1024;
    /** Smallest data capacity. */
    static final int MIN_CAPACITY = 64;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int CAPACITY_OFFSET = 8;
    private static final int HEAD_OFFSET = 256;
    private static final int READER_WAITING_OFFSET = 384;
    private static final int WRITER_WAITING_OFFSET = 512;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer region;
    private final ByteBuffer data;
    /** The data region as the producer's and the consumer's own views for {@link Filler} and {@link Drain}. */
    private final ByteBuffer producerView;
    private final ByteBuffer consumerView;
    private final int capacity;
    private final int mask;
    /**
     * Producer side: where its next record goes, and the head it last saw, rounded down to a multiple
     * of 8 (the consumer may publish a position inside a record), so free space is always a multiple of 8.
     */
    private long tail;
    private long headSeen;
    /** Consumer side: its position in the stream, and the payload bytes left in the current record. */
    private long head;
    private int recordLeft;

    private ByteRing(ByteBuffer region, int capacity) {
        this.region = region;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.data = region.duplicate().order(ByteOrder.nativeOrder()).position(HEADER_BYTES)
            .limit(HEADER_BYTES + capacity).slice().order(ByteOrder.nativeOrder());
        this.producerView = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.consumerView = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.head = (long) LONG.getVolatile(region, HEAD_OFFSET);
        this.headSeen = head;
        this.tail = head;
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
        if (capacity < MIN_CAPACITY || Integer.bitCount(capacity) != 1 || region.capacity() < regionBytes(capacity)) {
            throw new IOException("ring capacity " + capacity + " does not fit a region of " + region.capacity()
                + " bytes");
        }
        long head = (long) LONG.getVolatile(region, HEAD_OFFSET);
        if ((head & RECORD_HEADER_BYTES - 1) != 0) {
            throw new IOException("corrupt ring: head " + head + " is not a multiple of " + RECORD_HEADER_BYTES);
        }
        return new ByteRing(region, capacity);
    }

    private static void checkRegion(ByteBuffer region, int capacity) {
        if (!region.isDirect()) {
            throw new IllegalArgumentException("a ring needs a direct or mapped buffer");
        }
        if (capacity < MIN_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is not a power of two of at least "
                + MIN_CAPACITY);
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

    /**
     * Appends as much of {@code src} as fits, as records of at most {@link #MAX_RECORD_BYTES}; returns
     * the number of bytes written (0 when the ring is full).
     */
    public int write(ByteBuffer src) {
        int done = 0;
        while (src.hasRemaining()) {
            int n = writeRecord(src);
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private int writeRecord(ByteBuffer src) {
        int n = claim(Math.min(src.remaining(), MAX_RECORD_BYTES), 1);
        if (n == 0) {
            return 0;
        }
        int at = (int) ((tail + RECORD_HEADER_BYTES) & mask);
        int first = Math.min(n, capacity - at);
        int from = src.position();
        data.put(at, src, from, first);
        if (first < n) {
            data.put(0, src, from + first, n - first);
        }
        src.position(from + n);
        publish(n);
        return n;
    }

    /**
     * Appends up to {@code maxBytes} bytes that {@code filler} writes straight into the ring's memory, as
     * records of at most {@link #MAX_RECORD_BYTES} that each hold a whole number of {@code unit}-byte
     * elements (so a typed array is copied in once, with no staging buffer); returns the number of bytes
     * written (0 when the ring is full).
     *
     * @param unit element size: 1, 2, 4 or 8 (a record wraps at a multiple of 8, so no element is split)
     */
    public int write(long maxBytes, int unit, Filler filler) {
        checkUnit(unit);
        int done = 0;
        while (done < maxBytes) {
            int n = claim((int) Math.min(maxBytes - done, MAX_RECORD_BYTES), unit);
            if (n == 0) {
                break;
            }
            int at = (int) ((tail + RECORD_HEADER_BYTES) & mask);
            int first = Math.min(n, capacity - at);
            producerView.limit(at + first).position(at);
            filler.fill(producerView, first);
            if (first < n) {
                producerView.limit(n - first).position(0);
                filler.fill(producerView, n - first);
            }
            publish(n);
            done += n;
        }
        return done;
    }

    /**
     * Producer: claims one record of exactly {@code bytes} bytes that lies in one piece in memory, for the
     * caller to write in place (a small frame, header and payload, with no staging copy). Returns the
     * producer's view of the data region with its position at the record's first payload byte and its
     * limit after the last, or null when the ring has no room for it or the record would wrap around the
     * end of the region (then write through {@link #write(ByteBuffer)}). The caller writes exactly
     * {@code bytes} bytes there with plain stores and then calls {@link #publishClaimed} with the same
     * count; the ordering argument is that of a {@link Filler}.
     *
     * @param bytes 1 to {@link #MAX_RECORD_BYTES}
     */
    public ByteBuffer claimContiguous(int bytes) {
        if (bytes <= 0 || bytes > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record of " + bytes + " bytes is not within 1.." + MAX_RECORD_BYTES);
        }
        int at = (int) ((tail + RECORD_HEADER_BYTES) & mask);
        if (at + bytes > capacity || claim(bytes, 1) != bytes) {
            return null;
        }
        return producerView.limit(at + bytes).position(at);
    }

    /** Producer: publishes the record that {@link #claimContiguous} claimed, {@code bytes} bytes written. */
    public void publishClaimed(int bytes) {
        publish(bytes);
    }

    /**
     * Producer: how many of {@code want} bytes (a whole number of {@code unit}s) the next record can take,
     * 0 when none; reads the consumer's {@code head} (acquire) only when the cached one leaves too little.
     */
    private int claim(int want, int unit) {
        long free = capacity - (tail - headSeen);
        if (free < want + RESERVE_BYTES) {
            headSeen = (long) LONG.getAcquire(region, HEAD_OFFSET) & -RECORD_HEADER_BYTES;
            free = capacity - (tail - headSeen);
            if (free <= RESERVE_BYTES) {
                return 0;
            }
        }
        return (int) Math.min(want, free - RESERVE_BYTES) & -unit;
    }

    /** Producer: publishes the record of {@code n} payload bytes at {@code tail}, already copied in. */
    private void publish(int n) {
        long p = tail;
        long next = align(p + RECORD_HEADER_BYTES + n);
        data.putLong((int) (next & mask), 0L); // the next record's header reads "nothing yet"
        tail = next;
        // releases the payload and the zero above, and orders the store before the flag load
        LONG.setVolatile(data, (int) (p & mask), header(p, n));
    }

    /** True when the producer can write at least one byte. */
    public boolean writable() {
        if (capacity - (tail - headSeen) > RESERVE_BYTES) {
            return true;
        }
        headSeen = (long) LONG.getAcquire(region, HEAD_OFFSET) & -RECORD_HEADER_BYTES;
        return capacity - (tail - headSeen) > RESERVE_BYTES;
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
        headSeen = (long) LONG.getVolatile(region, HEAD_OFFSET) & -RECORD_HEADER_BYTES;
        return capacity - (tail - headSeen) > RESERVE_BYTES;
    }

    /** Withdraws the producer's sleep announcement. */
    public void clearWriterWaiting() {
        INT.setRelease(region, WRITER_WAITING_OFFSET, 0);
    }

    // ---------------------------------------------------------------- consumer side

    /**
     * Copies as many bytes as are available and fit {@code dst}, across records; returns the count (0
     * when empty).
     *
     * @throws IOException when a record header is corrupt (wrong check word or length)
     */
    public int read(ByteBuffer dst) throws IOException {
        int to = dst.position();
        int done = read(dst.remaining(), 1, dst, null);
        dst.position(to + done);
        return done;
    }

    /**
     * Hands up to {@code maxBytes} available bytes to {@code drain} straight from the ring's memory, across
     * records, a whole number of {@code unit}-byte elements at a time (so a typed array is filled with one
     * copy); returns the count (0 when empty, and also when the current record holds only part of an
     * element, which a producer that wrote with {@link #write(long, int, Filler)} never leaves: then read
     * through {@link #read(ByteBuffer)}).
     *
     * @param unit element size: 1, 2, 4 or 8
     * @throws IOException when a record header is corrupt (wrong check word or length)
     */
    public int read(long maxBytes, int unit, Drain drain) throws IOException {
        checkUnit(unit);
        return read((int) Math.min(maxBytes, Integer.MAX_VALUE), unit, null, drain);
    }

    /** Consumer: copies into {@code dst} at its position (not moved), or hands the bytes to {@code drain}. */
    private int read(int room, int unit, ByteBuffer dst, Drain drain) throws IOException {
        int to = dst == null ? 0 : dst.position();
        int done = 0;
        while (done < room) {
            if (recordLeft == 0) {
                long h = (long) LONG.getAcquire(data, (int) (head & mask));
                if (h == 0) {
                    break;
                }
                recordLeft = checkedLength(h);
                head += RECORD_HEADER_BYTES;
            }
            int n = Math.min(room - done, recordLeft) & -unit;
            if (n == 0) {
                break;
            }
            int at = (int) (head & mask);
            int first = Math.min(n, capacity - at);
            copyOut(at, first, dst, to + done, drain);
            if (first < n) {
                copyOut(0, n - first, dst, to + done + first, drain);
            }
            done += n;
            recordLeft -= n;
            head += n;
            if (recordLeft == 0) {
                head = align(head);
                if (n >= RELEASE_EARLY_BYTES) {
                    LONG.setRelease(region, HEAD_OFFSET, head); // let the producer refill while this side copies on
                }
            }
        }
        if (done > 0) {
            LONG.setVolatile(region, HEAD_OFFSET, head); // free the space, and order before the flag load
        }
        return done;
    }

    /**
     * Consumer: the unread bytes of the current record that lie in one piece in memory, for the caller to
     * parse in place (small frames, with no copy out); starts the next record when the current one is
     * finished and the next has arrived. Returns the consumer's view of the data region with its position
     * at the first unread byte and its limit after the last of those bytes, or null when nothing is
     * waiting. The bytes stay the consumer's until {@link #consumed} moves past them; the space is handed
     * back to the producer by {@link #release}. Reads through {@link #read(ByteBuffer)} may follow at any
     * point and go on where the in-place reading stopped.
     *
     * @throws IOException when a record header is corrupt (wrong check word or length)
     */
    public ByteBuffer peek() throws IOException {
        if (recordLeft == 0) {
            long h = (long) LONG.getAcquire(data, (int) (head & mask)); // acquire: the record's bytes are visible
            if (h == 0) {
                return null;
            }
            recordLeft = checkedLength(h);
            head += RECORD_HEADER_BYTES;
        }
        int at = (int) (head & mask);
        return consumerView.limit(at + Math.min(recordLeft, capacity - at)).position(at);
    }

    /** Consumer: the caller has used the next {@code bytes} bytes that {@link #peek} showed. */
    public void consumed(int bytes) {
        if (bytes <= 0 || bytes > recordLeft) {
            throw new IllegalArgumentException("consumed " + bytes + " bytes of a record with " + recordLeft + " left");
        }
        recordLeft -= bytes;
        head += bytes;
        if (recordLeft == 0) {
            head = align(head);
        }
    }

    /**
     * Consumer: hands the space of every byte {@link #consumed} so far back to the producer (a volatile
     * store of {@code head}, ordered before the caller's {@link #takeWriterWaiting}, as in {@link #read}).
     */
    public void release() {
        LONG.setVolatile(region, HEAD_OFFSET, head);
    }

    private void copyOut(int at, int n, ByteBuffer dst, int dstIndex, Drain drain) {
        if (drain == null) {
            dst.put(dstIndex, data, at, n);
        } else {
            consumerView.limit(at + n).position(at);
            drain.drain(consumerView, n);
        }
    }

    private int checkedLength(long h) throws IOException {
        int n = (int) (h >>> 32);
        if ((int) h != (int) (head >>> 3) || n <= 0 || n > capacity - RESERVE_BYTES) {
            throw new IOException("corrupt ring record at stream position " + head + ": header 0x"
                + Long.toHexString(h) + " (expected length 1.." + (capacity - RESERVE_BYTES) + " and check word 0x"
                + Integer.toHexString((int) (head >>> 3)) + ")");
        }
        return n;
    }

    /** True when at least one byte is waiting to be read. */
    public boolean readable() {
        return recordLeft != 0 || (long) LONG.getAcquire(data, (int) (head & mask)) != 0;
    }

    /**
     * Consumer about to block: announces it and returns true when data arrived after all (then the caller
     * must not block, and should {@link #clearReaderWaiting}).
     */
    public boolean armReader() {
        INT.setVolatile(region, READER_WAITING_OFFSET, 1);
        return recordLeft != 0 || (long) LONG.getVolatile(data, (int) (head & mask)) != 0;
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

    private static void checkUnit(int unit) {
        if (unit <= 0 || unit > RECORD_HEADER_BYTES || Integer.bitCount(unit) != 1) {
            throw new IllegalArgumentException("element size " + unit + " is not 1, 2, 4 or 8");
        }
    }

    /**
     * Copies bytes into the ring for {@link #write(long, int, Filler)}: the producer's code, on its thread.
     */
    @FunctionalInterface
    public interface Filler {
        /**
         * Writes exactly {@code bytes} bytes into {@code dst} from its position on (advancing it or not);
         * {@code dst} is little-endian and has at least {@code bytes} remaining.
         */
        void fill(ByteBuffer dst, int bytes);
    }

    /** Copies bytes out of the ring for {@link #read(long, int, Drain)}: the consumer's code, on its thread. */
    @FunctionalInterface
    public interface Drain {
        /**
         * Reads exactly {@code bytes} bytes from {@code src} from its position on; {@code src} is
         * little-endian, and its contents may be overwritten as soon as this returns.
         */
        void drain(ByteBuffer src, int bytes);
    }

    private static long header(long position, int length) {
        return (long) length << 32 | (position >>> 3) & 0xFFFF_FFFFL;
    }

    private static long align(long position) {
        return position + RECORD_HEADER_BYTES - 1 & -RECORD_HEADER_BYTES;
    }
}
