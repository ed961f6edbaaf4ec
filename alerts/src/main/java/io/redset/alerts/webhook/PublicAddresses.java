package io.redset.alerts.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Is a host on the public internet? Used for URLs that visitors name (status-page subscriber
 * webhooks): when they are checked on subscribing and again before every send, RedSet cannot be
 * made to post into its own network (SSRF), even by a name that later resolves elsewhere (DNS
 * rebinding; the JVM's address cache makes the check and the send see the same answer).
 *
 * <p>Refused: loopback, unspecified, link-local, multicast, the IPv4 private ranges (10/8,
 * 172.16/12, 192.168/16), shared address space 100.64/10, 0/8, 192.0.0/24, the benchmark range
 * 198.18/15, 240/4 and broadcast; IPv6 unique local fc00::/7, site-local fec0::/10; and IPv6
 * addresses that carry an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) by the rules of the IPv4 address they carry.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    public static final String PRIVATE = "must not point at a private or local address";
    public static final String UNRESOLVED = "names a host that does not resolve";

    /**
     * Why the host is not public, or empty when every address it resolves to is public. A name
     * that does not resolve (which may be a passing resolver failure) is {@link #UNRESOLVED}.
     */
    public static Optional<String> whyNotPublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of(UNRESOLVED);
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return Optional.of(PRIVATE);
            }
        }
        return Optional.empty();
    }

    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            byte[] v4 = carriedIpv4(b);
            if (v4 != null) {
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0
                    || first == 100 && second >= 64 && second <= 127      // 100.64/10 shared address space
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0  // 192.0.0/24 protocol assignments
                    || first == 198 && (second == 18 || second == 19)     // 198.18/15 benchmarking
                    || first >= 240);                                     // 240/4 reserved, broadcast
        }
        return false;
    }

    /** The IPv4 address inside a mapped, compatible, NAT64 or 6to4 IPv6 address; null for others. */
    private static byte[] carriedIpv4(byte[] b) {
        boolean zeroTen = true;
        for (int i = 0; i < 10; i++) {
            zeroTen &= b[i] == 0;
        }
        boolean mapped = zeroTen && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroTen && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && java.util.stream.IntStream.range(4, 12).allMatch(i -> b[i] == 0);
        if (mapped || compatible || nat64) {
            return new byte[]{b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[]{b[2], b[3], b[4], b[5]}; // 2002:aabb:ccdd::/48 carries aa.bb.cc.dd
        }
        return null;
    }
}
