package com.voxclone.importer.control;

import com.voxclone.importer.boundary.ImportRejectedException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Server-side request forgery protection: a URL may be fetched only over http/https and only when every address
 * its host resolves to is on the public internet ({@link PublicAddresses}).
 */
public final class AddressGuard {

    private static final Logger LOG = Logger.getLogger(AddressGuard.class.getName());

    /** Looks names up; replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final Predicate<InetAddress> allowed;

    public AddressGuard(Resolver resolver, boolean allowPrivate) {
        this(resolver, allowPrivate ? address -> true : PublicAddresses::contains);
    }

    /** With another rule for which addresses are allowed (tests let a loopback server stand in for a public one). */
    AddressGuard(Resolver resolver, Predicate<InetAddress> allowed) {
        this.resolver = resolver;
        this.allowed = allowed;
    }

    public static AddressGuard system(boolean allowPrivate) {
        return new AddressGuard(InetAddress::getAllByName, allowPrivate);
    }

    /** Checks scheme and host of {@code url}; returns the resolved addresses. */
    public List<InetAddress> check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImportRejectedException("Only http and https addresses can be imported, not '" + url + "'.");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new ImportRejectedException("The address '" + url + "' has no host name.");
        }
        if (url.getUserInfo() != null) {
            throw new ImportRejectedException("Addresses with a user name or password cannot be imported.");
        }
        return addressesOf(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    /** The addresses of {@code host}, all of them allowed; refused when any one is not (or the name is unknown). */
    public List<InetAddress> addressesOf(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ImportRejectedException("The host '" + host + "' could not be found.", e);
        }
        for (InetAddress address : addresses) {
            if (!allowed.test(address)) {
                // The person sees only the name they gave: telling them where it points would map the internal network.
                LOG.info(() -> "Import refused: '" + host + "' resolves to " + address.getHostAddress()
                        + ", which is not a public internet address.");
                throw new ImportRejectedException("'" + host + "' points to a private or local network, and importing "
                        + "from there is not allowed. Only addresses on the public internet can be imported.");
            }
        }
        return List.of(addresses);
    }
}
