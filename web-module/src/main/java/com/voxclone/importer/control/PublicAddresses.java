package com.voxclone.importer.control;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses the importer may fetch from: those of the public internet. What is set aside comes from the IANA
 * special-purpose address registries (RFC 6890 and the RFCs listed there) and the IANA IPv6 address space registry.
 * Blocks there that are globally reachable but hold no web servers (anycast relays, AS112) are refused as well.
 */
final class PublicAddresses {

    private static final List<AddressBlock> NOT_PUBLIC_IPV4 = blocks(
            "0.0.0.0/8",        // "this network", RFC 791
            "10.0.0.0/8",       // private, RFC 1918
            "100.64.0.0/10",    // shared address space (carrier-grade NAT), RFC 6598
            "127.0.0.0/8",      // loopback
            "169.254.0.0/16",   // link-local, where clouds answer with instance metadata (169.254.169.254)
            "172.16.0.0/12",    // private, RFC 1918
            "192.0.0.0/24",     // IETF protocol assignments, RFC 6890
            "192.0.2.0/24",     // documentation, RFC 5737
            "192.88.99.0/24",   // 6to4 relay anycast, deprecated by RFC 7526: it tunnels to wherever it is told
            "192.168.0.0/16",   // private, RFC 1918
            "198.18.0.0/15",    // benchmarking, RFC 2544
            "198.51.100.0/24",  // documentation, RFC 5737
            "203.0.113.0/24",   // documentation, RFC 5737
            "224.0.0.0/4",      // multicast
            "240.0.0.0/4");     // reserved, and 255.255.255.255 broadcast

    /**
     * IPv6 on the internet is global unicast, 2000::/3. Outside it lie loopback, unspecified, IPv4-compatible (::/96,
     * deprecated), discard-only (100::/64), local-use NAT64 (64:ff9b:1::/48, a network's own translator), unique-local
     * (fc00::/7), link-local, site-local, multicast, and space not handed out for the internet.
     */
    private static final AddressBlock GLOBAL_UNICAST = AddressBlock.of("2000::/3");

    private static final List<AddressBlock> NOT_PUBLIC_IN_GLOBAL_UNICAST = blocks(
            // IETF protocol assignments, RFC 2928: Teredo (2001::/32), benchmarking, ORCHID, anycast services. All of
            // Teredo is refused: its client address is obfuscated, and the traffic goes through whichever relay.
            "2001::/23",
            "2001:db8::/32",    // documentation, RFC 3849
            // 6to4 (bits 16-47 are an IPv4 address), refused whatever that address: it is deprecated (RFC 7526) and
            // reaches its IPv4 host through whichever relay is nearest, which may be one inside our own network.
            // A host that really serves media has its IPv4 address too.
            "2002::/16",
            "3fff::/20");       // documentation, RFC 9637

    /** NAT64 well-known prefix, RFC 6052: the IPv4 address in the last 32 bits, reached through a translator. */
    private static final AddressBlock NAT64 = AddressBlock.of("64:ff9b::/96");

    private PublicAddresses() {
    }

    static boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return isPublicIpv4(bytes);
        }
        // These two reach the IPv4 address they carry, so that address decides (NAT64 of a public one is normal).
        if (isIpv4Mapped(bytes) || NAT64.contains(bytes)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        return GLOBAL_UNICAST.contains(bytes) && NOT_PUBLIC_IN_GLOBAL_UNICAST.stream().noneMatch(block -> block.contains(bytes));
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        return NOT_PUBLIC_IPV4.stream().noneMatch(block -> block.contains(bytes));
    }

    /** ::ffff:0:0/96; parsing turns these into IPv4 addresses, but a resolver may hand them over as IPv6. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static List<AddressBlock> blocks(String... notations) {
        return Arrays.stream(notations).map(AddressBlock::of).toList();
    }
}
