package io.spmd4j.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of encoding a {@code double[]} into a direct {@link ByteBuffer} in native byte order, the
 * copy a runtime makes when it sends a Java array through an off-heap transport buffer, and of
 * decoding it back. Compares an element loop with absolute {@code putDouble} against the bulk
 * {@code asDoubleBuffer().put(double[])} view copy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DoubleEncodingBenchmark {
    /** Number of doubles: 8 B .. 1 MiB of payload. */
    @Param({"1", "128", "131072"})
    public int count;

    private double[] source;
    private double[] target;
    private ByteBuffer direct;

    /** Allocates the array and a direct buffer of exactly its byte size. */
    @Setup
    public void setUp() {
        source = new double[count];
        target = new double[count];
        for (int i = 0; i < count; i++) {
            source[i] = i * 0.5;
        }
        direct = ByteBuffer.allocateDirect(count * Double.BYTES).order(ByteOrder.nativeOrder());
    }

    /** Encodes element by element with absolute {@code putDouble}. */
    @Benchmark
    public ByteBuffer encodeElementLoop() {
        ByteBuffer b = direct;
        double[] s = source;
        for (int i = 0; i < s.length; i++) {
            b.putDouble(i * Double.BYTES, s[i]);
        }
        return b;
    }

    /** Encodes with one bulk copy through a {@code DoubleBuffer} view. */
    @Benchmark
    public ByteBuffer encodeBulkView() {
        direct.clear();
        direct.asDoubleBuffer().put(source);
        return direct;
    }

    /** Decodes with one bulk copy through a {@code DoubleBuffer} view. */
    @Benchmark
    public void decodeBulkView(Blackhole bh) {
        direct.clear();
        direct.asDoubleBuffer().get(target);
        bh.consume(target);
    }
}
