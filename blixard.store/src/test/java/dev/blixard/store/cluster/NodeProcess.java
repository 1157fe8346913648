package dev.blixard.store.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store member running in a child JVM ({@code dev.blixard.store.internal.StoreNodeProcess}), driven over
 * its standard input and output. The child runs with this JVM's own {@code java} and class path; its log
 * (standard error) goes to a file, quoted in failure messages.
 *
 * <p>{@link #kill()} is {@code kill -9}: the child gets no chance to flush or close anything.
 */
public final class NodeProcess implements AutoCloseable {
    private static final String MAIN = "dev.blixard.store.internal.StoreNodeProcess";

    private final String id;
    private final Path log;
    private final Process process;
    private final Writer requests;
    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRequest = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean exited;

    private NodeProcess(String id, Path log, Process process) {
        this.id = id;
        this.log = log;
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "node-" + id + "-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a member's JVM; {@link #awaitReady} waits until the member runs.
     *
     * @param arguments the child's {@code key=value} arguments besides its id (dir, port, peers, …)
     * @param jvmOptions options for the child JVM, such as {@code -Xmx512m}
     * @param log the file the child's standard error (its log) is appended to
     */
    public static NodeProcess launch(String id, List<String> arguments, List<String> jvmOptions, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.add("id=" + id);
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new NodeProcess(id, log, process);
    }

    /**
     * Waits until the member runs (a one-node group has elected itself by then; members of a larger group
     * may still be electing); kills it if it does not.
     */
    public NodeProcess awaitReady(Duration deadline) throws IOException {
        try {
            ready.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            kill();
            throw new IOException("node " + id + " did not start within " + deadline.toMillis() + " ms: "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : e) + logTail(), e);
        }
    }

    public String id() {
        return id;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive() && !exited;
    }

    /**
     * Sends a request; the future completes with the reply's result, or with {@link NodeRequestException}
     * for an {@code ERR} reply, or {@link NodeDiedException} when the process ends first.
     */
    public CompletableFuture<String> request(String command) {
        long requestId = nextRequest.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(requestId, reply);
        if (exited) {
            failPending();
            return reply;
        }
        try {
            synchronized (requests) {
                requests.write(requestId + " " + command + "\n");
                requests.flush();
            }
        } catch (IOException e) {
            pending.remove(requestId);
            reply.completeExceptionally(new NodeDiedException(id + " no longer takes requests: " + e.getMessage()));
        }
        return reply;
    }

    /** Sends a request and waits for its result; a failure carries the command and the node's id. */
    public String call(String command, Duration deadline) {
        try {
            return request(command).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("node " + id + " did not answer '" + command + "' within " + deadline.toMillis()
                    + " ms" + logTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for node " + id);
        }
    }

    /** This member's view of the group. */
    public NodeStatus status() {
        return NodeStatus.parse(id, call("status", Duration.ofSeconds(10)));
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Asks the member to close cleanly, and kills it if it has not gone within the deadline. */
    public void stop(Duration deadline) {
        if (isAlive()) {
            request("stop");
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        if (!awaitExit(deadline)) {
            kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The last lines of the child's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    private boolean awaitExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void readReplies() {
        try (BufferedReader replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = replies.readLine()) != null) {
                if (line.startsWith("@ready")) {
                    ready.complete(null);
                } else if (line.startsWith("@")) {
                    complete(line);
                }
            }
        } catch (IOException e) {
            // the process died: handled below like an orderly end of its output
        }
        exited = true;
        ready.completeExceptionally(new NodeDiedException("node " + id + " exited before it was ready"));
        failPending();
    }

    private void complete(String line) {
        String[] parts = line.substring(1).split(" ", 3);
        CompletableFuture<String> reply = pending.remove(Long.parseLong(parts[0]));
        if (reply == null) {
            return;
        }
        String text = parts.length > 2 ? parts[2] : "";
        if (parts[1].equals("OK")) {
            reply.complete(text);
        } else {
            String[] error = text.split(" ", 2);
            reply.completeExceptionally(new NodeRequestException(id, error[0], error.length > 1 ? error[1] : ""));
        }
    }

    private void failPending() {
        for (Long requestId : pending.keySet()) {
            CompletableFuture<String> reply = pending.remove(requestId);
            if (reply != null) {
                reply.completeExceptionally(new NodeDiedException("node " + id + " died before it answered"));
            }
        }
    }

    /** The node answered a request with an error: {@code type} is the exception's simple class name. */
    public static final class NodeRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        NodeRequestException(String node, String type, String message) {
            super("node " + node + ": " + type + ": " + message);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** The node's process ended before it answered; whether a write it had taken was applied is unknown. */
    public static final class NodeDiedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NodeDiedException(String message) {
            super(message);
        }
    }
}
