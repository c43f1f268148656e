package com.voxclone.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that a port is free before a service of this installation is started on it. Without this check a second
 * installation on the same machine could reach the first one's services on a shared port and work with its data.
 */
final class PortGuard {

    private PortGuard() {
    }

    /**
     * @param address the address the service will listen on ({@code 0.0.0.0} for all)
     * @param setting the environment variable that chooses the port
     * @param service what would listen there, for the message
     */
    static void requireFree(String address, int port, String setting, String service) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException inUse) {
            throw new LaunchException("port " + port + " (" + setting + ", for " + service + ") is already in use on "
                    + address + " by " + PortHolder.describe(port) + ". Stop that, or choose another port with "
                    + setting + ".", inUse);
        } catch (IOException e) {
            throw new LaunchException("cannot check port " + port + " on " + address + " (" + setting + "): " + e.getMessage(), e);
        }
    }
}
