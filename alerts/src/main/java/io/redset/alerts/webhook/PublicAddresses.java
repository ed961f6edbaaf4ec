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
 * 198.18/15, 240/4 and broadcast; IPv6 unique local fc00::/7, site-local fec0::/10, and IPv4
 * addresses mapped into IPv6 by the same rules.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** Why the host is not public, or empty when every address it resolves to is public. */
    public static Optional<String> whyNotPublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return Optional.of("must not point at a private or local address");
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
            if (isMappedIpv4(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
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

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
