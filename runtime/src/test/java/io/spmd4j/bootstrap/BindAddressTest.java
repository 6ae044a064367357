package io.spmd4j.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import org.junit.jupiter.api.Test;

class BindAddressTest {
    @Test
    void shouldResolveAnInterfaceNameToItsAddress() throws Exception {
        NetworkInterface lo = NetworkInterface.networkInterfaces().filter(n -> {
            try {
                return n.isLoopback() && n.inetAddresses().anyMatch(a -> a instanceof java.net.Inet4Address);
            } catch (java.net.SocketException e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertEquals(InetAddress.getByName("127.0.0.1"), BindAddress.resolve("spmd4j.tcp.bind", lo.getName()));
    }

    @Test
    void shouldResolveACidrBlockToTheAddressInsideIt() {
        assertEquals("127.0.0.1", BindAddress.resolve("spmd4j.tcp.bind", "127.0.0.0/8").getHostAddress());
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> BindAddress.resolve("spmd4j.tcp.bind", "203.0.113.0/24"));
        assertTrue(e.getMessage().contains("203.0.113.0/24") && e.getMessage().contains("interfaces"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> BindAddress.resolve("spmd4j.tcp.bind", "10.0.0.0/33"));
    }

    @Test
    void shouldAcceptAPlainAddressAndNameAnUnknownOne() {
        assertEquals("127.0.0.1", BindAddress.resolve("spmd4j.tcp.bind", "127.0.0.1").getHostAddress());
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> BindAddress.resolve("--tcp-if", "no-such-interface.invalid"));
        assertTrue(e.getMessage().startsWith("--tcp-if=no-such-interface.invalid"), e.getMessage());
    }

    @Test
    void shouldCompareOnlyThePrefixBits() {
        byte[] net = {10, 1, 0, 0};
        assertTrue(BindAddress.inPrefix(new byte[] {10, 1, (byte) 200, 7}, net, 16));
        assertFalse(BindAddress.inPrefix(new byte[] {10, 2, 0, 7}, net, 16));
        assertTrue(BindAddress.inPrefix(new byte[] {10, 1, 0, 7}, net, 0));
        assertFalse(BindAddress.inPrefix(new byte[16], net, 0));
    }
}
