package io.spmd4j.codec;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.testing.Fuzzer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the object codec's decoder, which reads the bytes of an object message from a peer. The only
 * allowed ends are a decoded object of an allowed class or an {@link MpiException} of class
 * {@link ErrorClass#ERR_CODEC}; memory stays proportional to the message (an array or collection whose
 * announced length the message cannot hold is refused before it is allocated).
 */
class FuzzCodecTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldDecodeOrRefuseEveryObjectMessageWithinMemoryProportionalToItsSize() {
        Fuzzer.check(new CodecTarget(), 3_000);
    }

    /** The default codec decoding fuzzed messages. */
    static final class CodecTarget implements Fuzzer.Target {
        private final JavaSerializationCodec codec = JavaSerializationCodec.create();

        @Override
        public String name() {
            return "object codec";
        }

        @Override
        public List<byte[]> seeds() {
            Map<String, List<Integer>> map = new HashMap<>();
            map.put("a", List.of(1, 2, 3));
            map.put("b", new ArrayList<>(List.of(4)));
            return List.of(codec.encode(map), codec.encode(new long[] {1, 2, 3}), codec.encode(new int[0][2]),
                codec.encode("text"), codec.encode(new TreeSet<>(List.of("x", "y"))),
                codec.encode(Duration.ofSeconds(5)), codec.encode(new BigDecimal("1.25")),
                codec.encode(new Object[] {1, "two", 3.0}));
        }

        @Override
        public long allocationLimitBytes(byte[] input) {
            return 64L * input.length + 1024 * 1024;
        }

        @Override
        public String run(byte[] input) {
            try {
                Object o = codec.decode(input);
                return "decoded " + (o == null ? "null" : o.getClass().getSimpleName().replaceAll("\\$.*", ""));
            } catch (MpiException e) {
                if (e.errorClass() != ErrorClass.ERR_CODEC) {
                    throw e;
                }
                return e.getMessage().startsWith("object message refused") ? "refused by the filter" : "malformed";
            }
        }
    }
}
