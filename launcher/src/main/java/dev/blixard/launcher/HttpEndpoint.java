package dev.blixard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The node's HTTP address, and the two checks around it. Felix HTTP only logs when it cannot bind its port
 * and the node would run without HTTP, so the launcher tries the port before starting the framework (a clear
 * error while nothing runs yet) and, after the start, waits until the port answers HTTP.
 */
final class HttpEndpoint {

    private final String host;
    private final int port;

    HttpEndpoint(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code http://host:port} with IPv6 literals in brackets. */
    String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL a client on this machine reaches the node at: loopback when the node listens on every address. */
    String localUrl() {
        try {
            return new HttpEndpoint(probeAddress().getHostAddress(), port).baseUrl();
        } catch (UnknownHostException e) {
            return baseUrl();
        }
    }

    /**
     * Binds the address once, the way Jetty will (with SO_REUSEADDR, so a socket in TIME_WAIT is no obstacle).
     *
     * @throws StartupException when the port is taken or the address is not local
     */
    void ensureAvailable() throws StartupException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("in use")) {
                throw new StartupException("HTTP port " + port + " on " + host + " is already in use; "
                        + "stop whatever listens there or pick another with --http-port");
            }
            throw new StartupException("cannot listen on " + host + ":" + port + ": " + reason);
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /**
     * Polls until the port answers an HTTP request, the timeout passes, or {@code giveUp} turns true.
     *
     * @return whether an HTTP answer came
     */
    boolean awaitAnswer(Duration timeout, BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(probeAddress(), port);
        } catch (UnknownHostException e) {
            return false;
        }
        while (System.nanoTime() < deadline && !giveUp.getAsBoolean()) {
            if (answersHttp(target)) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }

    /** A wildcard bind address accepts connections on loopback, which is always reachable from here. */
    private InetAddress probeAddress() throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        if (address.isAnyLocalAddress()) {
            return address instanceof Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        }
        return address;
    }

    private static boolean answersHttp(InetSocketAddress target) {
        try (Socket socket = new Socket()) {
            socket.connect(target, 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }
}
