package dev.blixard.integration.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Assume;

/**
 * A network of its own for each cluster member: one network namespace per node with a veth pair to a bridge,
 * the bridge in a namespace of its own (so nothing is bridged through this machine's firewall), and one more
 * veth pair from this namespace to the bridge, so the test reaches every node at its address.
 *
 * <pre>
 *   this namespace: PREFIXr 10.231.S.1/24 ──┐
 *                                          br0 (namespace PREFIX-br)
 *   namespace PREFIX-n1: eth0 10.231.S.11 ─┤
 *   namespace PREFIX-n2: eth0 10.231.S.12 ─┤ ...
 * </pre>
 *
 * <p>Names start with {@value #PREFIX} and the test JVM's pid, so that two runs never share one, and a run
 * removes what a run that died without cleaning up left behind (a prefix whose pid no longer runs). A
 * partition is {@code iptables} DROP rules inside a node's namespace for its peers' addresses: the node is cut
 * off from the other members and still answers the test. Needs root and iproute2 and iptables.
 */
final class NetworkNamespaces implements AutoCloseable {
    static final String PREFIX = "bxit";
    private static final Path IP = Path.of("/usr/sbin/ip");
    private static final Path IPTABLES = Path.of("/usr/sbin/iptables");
    private static final Pattern OWNED = Pattern.compile(PREFIX + "(\\d+)");
    private static final int FIRST_HOST = 11;

    private final String name;
    private final String subnet;
    /** Node id to its address, in order of creation. */
    private final Map<String, String> addresses = new TreeMap<>();

    private NetworkNamespaces(String name, String subnet) {
        this.name = name;
        this.subnet = subnet;
    }

    /** Skips the calling test (JUnit's Assume) where namespaces cannot be made: not root, or no ip or iptables. */
    static void assumeAvailable() throws IOException {
        Assume.assumeTrue("the partition test needs root for network namespaces (uid " + uid() + ")", uid() == 0);
        Assume.assumeTrue("the partition test needs " + IP + " (Debian package iproute2)", Files.isExecutable(IP));
        Assume.assumeTrue("the partition test needs " + IPTABLES + " (Debian package iptables)",
                Files.isExecutable(IPTABLES));
    }

    /** Removes what earlier runs that died left, then makes the bridge and a namespace for each of {@code ids}. */
    static NetworkNamespaces create(List<String> ids) throws IOException, InterruptedException {
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        NetworkNamespaces network = new NetworkNamespaces(PREFIX + pid, "10.231." + freeSubnet(pid));
        try {
            network.createBridge();
            for (String id : ids) {
                network.createNode(id);
            }
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** @return the address of node {@code id} */
    String address(String id) {
        String address = addresses.get(id);
        if (address == null) {
            throw new AssertionError("no namespace for " + id + " in " + addresses.keySet());
        }
        return address;
    }

    /** @return what runs a command in the namespace of {@code id} */
    List<String> commandPrefix(String id) {
        address(id);
        return List.of(IP.toString(), "netns", "exec", namespace(id));
    }

    /** Cuts {@code id} off from every other node (both ways); the test still reaches it. */
    void isolate(String id) throws IOException, InterruptedException {
        for (Map.Entry<String, String> peer : addresses.entrySet()) {
            if (!peer.getKey().equals(id)) {
                inNamespace(id, IPTABLES.toString(), "-w", "-I", "INPUT", "-s", peer.getValue(), "-j", "DROP");
                inNamespace(id, IPTABLES.toString(), "-w", "-I", "OUTPUT", "-d", peer.getValue(), "-j", "DROP");
            }
        }
    }

    /** Undoes {@link #isolate}. */
    void heal(String id) throws IOException, InterruptedException {
        inNamespace(id, IPTABLES.toString(), "-w", "-F", "INPUT");
        inNamespace(id, IPTABLES.toString(), "-w", "-F", "OUTPUT");
    }

    private void createBridge() throws IOException, InterruptedException {
        String bridgeNs = name + "-br";
        run(IP.toString(), "netns", "add", bridgeNs);
        run(IP.toString(), "-n", bridgeNs, "link", "set", "lo", "up");
        run(IP.toString(), "-n", bridgeNs, "link", "add", "br0", "type", "bridge");
        run(IP.toString(), "-n", bridgeNs, "link", "set", "br0", "up");
        String rootSide = name + "r";
        run(IP.toString(), "link", "add", rootSide, "type", "veth", "peer", "name", "root", "netns", bridgeNs);
        run(IP.toString(), "-n", bridgeNs, "link", "set", "root", "master", "br0", "up");
        run(IP.toString(), "addr", "add", subnet + ".1/24", "dev", rootSide);
        run(IP.toString(), "link", "set", rootSide, "up");
    }

    private void createNode(String id) throws IOException, InterruptedException {
        String address = subnet + "." + (FIRST_HOST + addresses.size());
        String namespace = namespace(id);
        String bridgeSide = "v" + id;
        run(IP.toString(), "netns", "add", namespace);
        run(IP.toString(), "-n", namespace, "link", "set", "lo", "up");
        run(IP.toString(), "-n", name + "-br", "link", "add", bridgeSide, "type", "veth", "peer", "name", "eth0",
                "netns", namespace);
        run(IP.toString(), "-n", name + "-br", "link", "set", bridgeSide, "master", "br0", "up");
        run(IP.toString(), "-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
        run(IP.toString(), "-n", namespace, "link", "set", "eth0", "up");
        addresses.put(id, address);
    }

    private String namespace(String id) {
        return name + "-" + id;
    }

    private void inNamespace(String id, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(commandPrefix(id));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    /** Deletes this run's namespaces (their veth ends go with them) and its link in this namespace. */
    @Override
    public void close() {
        remove(name);
    }

    private static void removeLeftovers() throws IOException, InterruptedException {
        for (String owner : owners(run(IP.toString(), "netns", "list"))) {
            removeIfDead(owner);
        }
        for (String owner : owners(run(IP.toString(), "-o", "link", "show"))) {
            removeIfDead(owner);
        }
    }

    private static void removeIfDead(String owner) {
        Matcher pid = OWNED.matcher(owner);
        if (pid.matches() && ProcessHandle.of(Long.parseLong(pid.group(1))).isEmpty()) {
            remove(owner);
        }
    }

    /** @return the distinct {@code PREFIX<pid>} names in a listing of namespaces or links */
    private static List<String> owners(String listing) {
        List<String> owners = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\b(" + PREFIX + "\\d+)").matcher(listing);
        while (matcher.find()) {
            if (!owners.contains(matcher.group(1))) {
                owners.add(matcher.group(1));
            }
        }
        return owners;
    }

    /** Removes every namespace and link of {@code owner}; what is already gone is no failure. */
    private static void remove(String owner) {
        try {
            for (String namespace : run(IP.toString(), "netns", "list").lines()
                    .map(line -> line.split(" ")[0]).filter(ns -> ns.startsWith(owner + "-")).toList()) {
                runQuietly(IP.toString(), "netns", "delete", namespace);
            }
            runQuietly(IP.toString(), "link", "delete", owner + "r");
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the network namespaces of " + owner, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return a third octet for 10.231.x.0/24 that no address of this machine uses yet */
    private static int freeSubnet(long pid) throws IOException, InterruptedException {
        String used = run(IP.toString(), "-o", "-4", "addr", "show");
        for (int i = 0; i < 200; i++) {
            int candidate = (int) ((pid + i) % 200) + 20;
            if (!used.contains("10.231." + candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free 10.231.x.0/24 subnet on this machine");
    }

    private static long uid() throws IOException {
        Optional<String> line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst();
        return line.map(l -> Long.parseLong(l.split("\\s+")[1])).orElse(-1L);
    }

    private static void runQuietly(String... command) throws IOException, InterruptedException {
        exec(command);
    }

    /** Runs {@code command}; fails with its output unless it exits 0 within 10 s. */
    private static String run(String... command) throws IOException, InterruptedException {
        Result result = exec(command);
        if (result.status() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + result.status() + ": " + result.output());
        }
        return result.output();
    }

    private record Result(int status, String output) {
    }

    private static Result exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read while it runs: a listing larger than the pipe's buffer would otherwise block it.
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 10 s");
        }
        try {
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of " + String.join(" ", command), e);
        }
    }
}
