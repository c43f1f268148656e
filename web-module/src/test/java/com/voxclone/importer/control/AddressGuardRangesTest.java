package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.voxclone.importer.boundary.ImportRejectedException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which addresses the guard lets through. The expectations come from the IANA IPv4 and IPv6 special-purpose address
 * registries and the IANA IPv6 address space registry, each with the RFC that set its range aside.
 */
class AddressGuardRangesTest {

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0             | this network, RFC 791
            0.255.255.255       | this network, RFC 791
            10.0.0.5            | private, RFC 1918
            100.64.0.1          | shared address space, RFC 6598
            100.127.255.255     | shared address space, RFC 6598
            127.0.0.1           | loopback, RFC 1122
            169.254.169.254     | link-local, cloud metadata, RFC 3927
            172.16.0.9          | private, RFC 1918
            172.31.255.255      | private, RFC 1918
            192.0.0.1           | IETF protocol assignments, RFC 6890
            192.0.0.170         | NAT64 discovery, RFC 7050
            192.0.2.1           | documentation TEST-NET-1, RFC 5737
            192.88.99.1         | deprecated 6to4 relay anycast, RFC 7526
            192.168.1.1         | private, RFC 1918
            198.18.0.1          | benchmarking, RFC 2544
            198.19.255.255      | benchmarking, RFC 2544
            198.51.100.7        | documentation TEST-NET-2, RFC 5737
            203.0.113.9         | documentation TEST-NET-3, RFC 5737
            224.0.0.1           | multicast, RFC 5771
            239.255.255.250     | multicast, RFC 5771
            240.0.0.1           | reserved, RFC 1112
            255.255.255.255     | limited broadcast, RFC 919
            """)
    void refusesSpecialPurposeIpv4(String address, String range) {
        assertRefused(parse(address), range);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ::                          | unspecified, RFC 4291
            ::1                         | loopback, RFC 4291
            ::ffff:10.0.0.5             | IPv4-mapped private, RFC 4291
            ::ffff:169.254.169.254      | IPv4-mapped metadata, RFC 4291
            ::10.0.0.5                  | IPv4-compatible, deprecated, RFC 4291
            ::8.8.8.8                   | IPv4-compatible, deprecated, RFC 4291
            64:ff9b::10.0.0.5           | NAT64 of a private address, RFC 6052
            64:ff9b::169.254.169.254    | NAT64 of the metadata address, RFC 6052
            64:ff9b::127.0.0.1          | NAT64 of loopback, RFC 6052
            64:ff9b::192.0.2.1          | NAT64 of documentation, RFC 6052
            64:ff9b:1::a00:5            | local-use NAT64, RFC 8215
            64:ff9b:1:808:808::         | local-use NAT64, RFC 8215
            100::1                      | discard-only, RFC 6666
            100:0:0:1::1                | dummy prefix, outside global unicast 2000::/3
            2001::1                     | Teredo, RFC 4380
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo, RFC 4380
            2001:2::1                   | benchmarking, RFC 5180
            2001:10::1                  | ORCHID, RFC 4843
            2001:db8::1                 | documentation, RFC 3849
            2001:db8:ffff::1            | documentation, RFC 3849
            2002:a00:5::1               | 6to4 of 10.0.0.5, RFC 3056
            2002:a9fe:a9fe::1           | 6to4 of 169.254.169.254, RFC 3056
            2002:7f00:1::1              | 6to4 of 127.0.0.1, RFC 3056
            2002:808:808::1             | 6to4 of public 8.8.8.8: all 6to4 is refused, RFC 7526
            3fff::1                     | documentation, RFC 9637
            4000::1                     | reserved by IETF, outside global unicast 2000::/3
            5f00::1                     | SRv6 SIDs, RFC 9602
            fc00::1                     | unique local, RFC 4193
            fd00:ec2::254               | unique local, cloud metadata, RFC 4193
            fe80::1                     | link-local, RFC 4291
            febf::1                     | link-local, RFC 4291
            fec0::1                     | site-local, deprecated, RFC 3879
            ff02::1                     | multicast, RFC 4291
            ff0e::1                     | multicast, RFC 4291
            """)
    void refusesSpecialPurposeIpv6(String address, String range) {
        assertRefused(parse(address), range);
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource(delimiter = '|', textBlock = """
            1.1.1.1                     | just a public address
            8.8.8.8                     | just a public address
            93.184.216.34               | just a public address
            11.0.0.1                    | after 10.0.0.0/8
            100.63.255.255              | before 100.64.0.0/10
            100.128.0.0                 | after 100.64.0.0/10
            172.15.255.255              | before 172.16.0.0/12
            172.32.0.0                  | after 172.16.0.0/12
            192.0.1.255                 | between 192.0.0.0/24 and 192.0.2.0/24
            192.0.3.0                   | after 192.0.2.0/24
            198.17.255.255              | before 198.18.0.0/15
            198.20.0.0                  | after 198.18.0.0/15
            198.51.99.255               | before 198.51.100.0/24
            203.0.114.0                 | after 203.0.113.0/24
            223.255.255.255             | before 224.0.0.0/4
            ::ffff:8.8.8.8              | IPv4-mapped public
            64:ff9b::8.8.8.8            | NAT64 of a public address
            2606:4700:4700::1111        | global unicast
            2001:4860:4860::8888        | global unicast, outside 2001::/23
            2001:200::1                 | global unicast, just after 2001::/23
            2001:db9::1                 | global unicast, just after 2001:db8::/32
            2003::1                     | global unicast, just after 2002::/16
            2a00:1450:4001:800::200e    | global unicast
            3ffe:ffff::1                | global unicast, before 3fff::/20
            """)
    void allowsThePublicInternet(String address, String why) {
        assertAllowed(parse(address), why);
    }

    @ParameterizedTest(name = "{0} as an IPv6 object is refused")
    @CsvSource({"10.0.0.5", "127.0.0.1", "169.254.169.254"})
    void refusesIpv4MappedAddressesAResolverHandsOverAsIpv6(String ipv4) throws UnknownHostException {
        // Parsing turns ::ffff:a.b.c.d into an IPv4 object; a resolver can still hand over the IPv6 form itself.
        byte[] v4 = parse(ipv4).getAddress();
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, v4[0], v4[1], v4[2], v4[3]};
        assertRefused(Inet6Address.getByAddress(null, mapped, -1), "IPv4-mapped " + ipv4);
    }

    private static void assertRefused(InetAddress address, String range) {
        AddressGuard guard = new AddressGuard(host -> new InetAddress[] {address}, false);
        assertThrows(ImportRejectedException.class, () -> guard.addressesOf("media.example"), range);
    }

    private static void assertAllowed(InetAddress address, String why) {
        AddressGuard guard = new AddressGuard(host -> new InetAddress[] {address}, false);
        assertEquals(List.of(address), guard.addressesOf("media.example"), why);
    }

    /** A numeric address; the text is parsed, never looked up. */
    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
