package io.redset.alerts.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Address literals only: no name is looked up. */
class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.8", "198.18.0.1", "198.19.255.1",
            "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1",
            "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"})
    void privateLocalAndReservedAddressesAreRefused(String literal) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
        assertThat(PublicAddresses.whyNotPublic(literal)).hasValue("must not point at a private or local address");
    }

    /** Built from bytes: Java turns a written ::ffff:a.b.c.d into an IPv4 address, which would not test this. */
    @ParameterizedTest
    @ValueSource(strings = {"00000000000000000000ffff7f000001", "00000000000000000000ffff0a000001", "0000000000000000000000000a000001",
            "0064ff9b0000000000000000a9fea9fe", "0064ff9b00000000000000000a000001", "20020a00000100000000000000000001",
            "2002c0a80101000000000000000000ff"})
    void ipv6AddressesCarryingAPrivateIpv4AddressAreRefused(String hex) throws Exception {
        InetAddress a = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), null);
        assertThat(PublicAddresses.isPublic(a)).as(a.toString()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000000000000ffff08080808", "0064ff9b000000000000000008080808", "2002080808080000000000000000000a"})
    void ipv6AddressesCarryingAPublicIpv4AddressPass(String hex) throws Exception {
        InetAddress a = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), null);
        assertThat(PublicAddresses.isPublic(a)).as(a.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
            "192.0.2.1", "198.17.255.255", "198.20.0.1", "2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8"})
    void publicAddressesPass(String literal) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
        assertThat(PublicAddresses.whyNotPublic(literal)).isEmpty();
    }
}
