package io.spmd4j.launcher;

import io.spmd4j.testing.Fuzzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the node-agent wire ({@link AgentProtocol}) from both ends: the launcher reading an agent's
 * frames (hello, started, output, exit, failed) and an agent reading the launcher's (spawn, stdin,
 * signal, terminate), with every payload decoded as the readers do. The only allowed ends are an
 * {@link IOException} of the protocol, after which the reader closes the connection; a short payload
 * never escapes as an unchecked exception (which would leave the launcher waiting for an exit that
 * no thread reports), and heap stays proportional to the bytes that arrived.
 */
class FuzzAgentProtocolTest {
    private static final long QUICK_INPUTS = 5_000;
    private static final long OVERHEAD_BYTES = 256 * 1024;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldDecodeOrRefuseEveryFuzzedAgentFrame() {
        Fuzzer.check(new AgentTarget(), QUICK_INPUTS);
    }

    /** Both readers of the agent connection, over one fuzzed stream. */
    static final class AgentTarget implements Fuzzer.Target {
        @Override
        public String name() {
            return "node agent frames";
        }

        @Override
        public List<byte[]> seeds() {
            ByteArrayOutputStream toLauncher = new ByteArrayOutputStream();
            ByteArrayOutputStream toAgent = new ByteArrayOutputStream();
            try {
                DataOutputStream l = new DataOutputStream(toLauncher);
                AgentProtocol.write(l, AgentProtocol.HELLO, 0, AgentProtocol.utf8("node1"));
                AgentProtocol.write(l, AgentProtocol.STARTED, 2, AgentProtocol.ofLong(4242));
                AgentProtocol.write(l, AgentProtocol.OUT, 2, AgentProtocol.utf8("hello\n"));
                AgentProtocol.write(l, AgentProtocol.EXIT, 2, AgentProtocol.ofInt(0));
                AgentProtocol.write(l, AgentProtocol.FAILED, 3, AgentProtocol.utf8("cannot start"));
                DataOutputStream a = new DataOutputStream(toAgent);
                AgentProtocol.Spawn spawn = new AgentProtocol.Spawn(List.of("java", "-cp", "x", "Main"), "/tmp",
                    Map.of("SPMD4J_SIZE", "4"), Map.of(2, Map.of("SPMD4J_RANK", "2"), 3, Map.of("SPMD4J_RANK", "3")), 2);
                AgentProtocol.write(a, AgentProtocol.SPAWN, -1, spawn.encode());
                AgentProtocol.write(a, AgentProtocol.STDIN, 2, AgentProtocol.utf8("input"));
                AgentProtocol.write(a, AgentProtocol.SIGNAL, -1, AgentProtocol.ofInt(15));
                AgentProtocol.write(a, AgentProtocol.TERMINATE, -1, new byte[0]);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return List.of(toLauncher.toByteArray(), toAgent.toByteArray());
        }

        @Override
        public long allocationLimitBytes(byte[] input) {
            return 16L * input.length + OVERHEAD_BYTES;
        }

        @Override
        public String run(byte[] input) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
            return Fuzzer.readToEnd(() -> {
                AgentProtocol.Frame f = AgentProtocol.read(in);
                switch (f.type()) {
                    case AgentProtocol.STARTED -> AgentProtocol.longOf(f.payload());
                    case AgentProtocol.EXIT, AgentProtocol.SIGNAL -> AgentProtocol.intOf(f.payload());
                    case AgentProtocol.SPAWN -> AgentProtocol.Spawn.decode(f.payload());
                    case AgentProtocol.HELLO, AgentProtocol.OUT, AgentProtocol.ERR, AgentProtocol.FAILED,
                        AgentProtocol.STDIN, AgentProtocol.TERMINATE -> new String(f.payload(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    default -> {
                        return false;
                    }
                }
                return true;
            });
        }
    }
}
