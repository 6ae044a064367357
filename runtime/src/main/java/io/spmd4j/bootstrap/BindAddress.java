package io.spmd4j.bootstrap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the user's choice of network ({@code spmd4j.tcp.bind}, {@code spmdrun --tcp-if}) into an
 * address of this host: an interface name ({@code ib0}, {@code eth1}), a CIDR block
 * ({@code 10.1.0.0/16}: the first address of this host inside it), or a plain address or host name.
 * IPv4 addresses are preferred when an interface has both. Stateless and thread-safe.
 */
public final class BindAddress {
    private BindAddress() {
    }

    /**
     * Resolves {@code spec} on this host.
     *
     * @param what how the setting is called in messages ({@code "spmd4j.tcp.bind"})
     * @throws IllegalStateException naming the setting, its value, and this host's addresses when none fits
     */
    public static InetAddress resolve(String what, String spec) {
        String s = spec.trim();
        try {
            if (s.indexOf('/') >= 0) {
                return inBlock(what, s);
            }
            NetworkInterface nif = NetworkInterface.getByName(s);
            if (nif != null) {
                List<InetAddress> addrs = Collections.list(nif.getInetAddresses());
                if (addrs.isEmpty()) {
                    throw new IllegalStateException(what + "=" + spec + ": interface " + s
                        + " has no address; bring it up or choose another (" + describeHost() + ")");
                }
                return addrs.stream().filter(a -> a instanceof Inet4Address).findFirst().orElse(addrs.get(0));
            }
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(what + "=" + spec + " is neither an interface, a CIDR block nor a "
                + "resolvable address; this host has " + describeHost(), e);
        } catch (SocketException e) {
            throw new IllegalStateException(what + "=" + spec + ": cannot list this host's interfaces (" + e + ")", e);
        }
    }

    private static InetAddress inBlock(String what, String cidr) throws SocketException, UnknownHostException {
        int slash = cidr.indexOf('/');
        InetAddress net = InetAddress.getByName(cidr.substring(0, slash));
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > 8 * net.getAddress().length) {
            throw new IllegalStateException(what + "=" + cidr + ": the prefix length must be 0.."
                + 8 * net.getAddress().length);
        }
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (inPrefix(a.getAddress(), net.getAddress(), bits)) {
                    return a;
                }
            }
        }
        throw new IllegalStateException(what + "=" + cidr + ": no interface of this host has an address in "
            + cidr + "; this host has " + describeHost());
    }

    /** Whether the first {@code bits} bits of {@code addr} and {@code net} agree (same family only). */
    static boolean inPrefix(byte[] addr, byte[] net, int bits) {
        if (addr.length != net.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((addr[i / 8] & mask) != (net[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** This host's interfaces and addresses, for messages: {@code "lo 127.0.0.1, eth0 10.0.0.5/24"}. */
    static String describeHost() {
        List<String> parts = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    parts.add(nif.getName() + " " + ia.getAddress().getHostAddress() + "/" + ia.getNetworkPrefixLength());
                }
            }
        } catch (SocketException e) {
            return "interfaces that cannot be listed (" + e + ")";
        }
        return parts.isEmpty() ? "no interfaces" : "interfaces " + String.join(", ", parts);
    }
}
