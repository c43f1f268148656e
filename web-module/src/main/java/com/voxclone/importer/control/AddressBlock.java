package com.voxclone.importer.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A block of IPv4 or IPv6 addresses as the registries write it, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}. */
final class AddressBlock {

    private final byte[] network;
    private final int prefixLength;

    private AddressBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** {@code notation} is a numeric address, a slash and a prefix length; nothing is looked up. */
    static AddressBlock of(String notation) {
        int slash = notation.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(notation.substring(0, slash)).getAddress();
            int prefixLength = Integer.parseInt(notation.substring(slash + 1));
            if (prefixLength < 0 || prefixLength > network.length * 8) {
                throw new IllegalArgumentException("Prefix length out of range: " + notation);
            }
            return new AddressBlock(network, prefixLength);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("Not an address block: " + notation, e);
        }
    }

    /** True when {@code address} (4 or 16 bytes) is in this block; an IPv4 address is never in an IPv6 block. */
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int wholeBytes = prefixLength / 8;
        if (!Arrays.equals(address, 0, wholeBytes, network, 0, wholeBytes)) {
            return false;
        }
        int restBits = prefixLength % 8;
        int mask = (0xff << (8 - restBits)) & 0xff;
        return restBits == 0 || (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
    }
}
