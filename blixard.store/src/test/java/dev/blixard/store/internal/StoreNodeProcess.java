package dev.blixard.store.internal;

import dev.blixard.store.Consistency;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;
import dev.blixard.store.WriteResult;
import dev.blixard.store.bench.WriteLoad;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One store member in a JVM of its own, for the multi-process fault tests and the benchmark: started with
 * {@code id=… dir=… port=… [peers=id=host:port,…] [snapshot-threshold=N]
 * [log-segment-bytes=N]}, it runs a real member and
 * serves a line protocol on standard input and output, so a parent can drive it and kill it with SIGKILL.
 *
 * <p>Requests are {@code <request id> <command> <arguments>}; every reply is one line
 * {@code @<request id> OK <result>} or {@code @<request id> ERR <exception> <message>}, and writes answer
 * when they complete, so a parent may have many in flight. {@code @ready} is printed once the member runs.
 * The process ends when its standard input closes, so a dead parent leaves no member behind.
 *
 * <p>Commands: {@code insert <key>} (a row of the test table {@code kv}), {@code exec <sql>} (a write
 * without parameters), {@code long <LOCAL|LINEARIZABLE> <sql>} (a query of one number), {@code keys}
 * (every key of {@code kv}, comma separated, in insertion order), {@code status}, {@code snapshot},
 * {@code load <writers> <warmup ms> <measure ms>} (the benchmark's write load, run here),
 * {@code fill <rows>}, {@code heap} (bytes used after a full GC) and {@code stop}.
 */
public final class StoreNodeProcess {
    /** The table the fault tests write: no UNIQUE on {@code k}, so a write applied twice shows as two rows. */
    public static final String KV_TABLE =
            "CREATE TABLE kv (seq INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT NOT NULL, v TEXT NOT NULL)";
    private static final String INSERT_KV = "INSERT INTO kv (k, v) VALUES (?, ?)";

    private final RaftSqliteStore store;
    private final PrintStream out;

    private StoreNodeProcess(RaftSqliteStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        // Replies own standard output; anything else that prints there (a library's banner) is moved aside.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        RaftSqliteStore store = new RaftSqliteStore(settings(arguments(args)));
        store.start();
        StoreNodeProcess node = new StoreNodeProcess(store, protocol);
        node.println("@ready " + store.status().nodeId());
        node.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        store.close();
        System.exit(0);
    }

    private static Map<String, String> arguments(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return values;
    }

    private static StoreSettings settings(Map<String, String> args) {
        StoreSettings settings = StoreSettings.singleNode(required(args, "id"), Path.of(required(args, "dir")),
                Integer.parseInt(required(args, "port")));
        if (args.containsKey("peers")) {
            settings = settings.withPeers(StoreSettings.parsePeers(args.get("peers")));
        }
        if (args.containsKey("snapshot-threshold")) {
            settings = settings.withSnapshotThreshold(Long.parseLong(args.get("snapshot-threshold")));
        }
        if (args.containsKey("log-segment-bytes")) {
            settings = settings.withLogSegmentBytes(Long.parseLong(args.get("log-segment-bytes")));
        }
        return settings;
    }

    private static String required(Map<String, String> args, String key) {
        String value = args.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + key + "=…");
        }
        return value;
    }

    /** Serves requests until standard input ends or {@code stop} arrives. */
    private void serve(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split(" ", 3);
            String id = parts[0];
            String command = parts.length > 1 ? parts[1] : "";
            String argument = parts.length > 2 ? parts[2] : "";
            if (command.equals("stop")) {
                reply(id, "stopping");
                return;
            }
            try {
                dispatch(id, command, argument);
            } catch (RuntimeException | Error e) {
                fail(id, e);
            }
        }
    }

    private void dispatch(String id, String command, String argument) {
        switch (command) {
            case "insert" -> answerWrite(id, store.write(WriteBatch.of(Statement.of(INSERT_KV, argument, "v-" + argument))));
            case "exec" -> answerWrite(id, store.write(WriteBatch.of(Statement.of(argument))));
            case "long" -> reply(id, Long.toString(queryLong(argument)));
            case "keys" -> reply(id, keys());
            case "status" -> reply(id, status());
            case "snapshot" -> reply(id, Long.toString(store.takeSnapshot()));
            case "load" -> runInBackground(id, () -> load(argument));
            case "fill" -> runInBackground(id, () -> Long.toString(WriteLoad.fill(store, Long.parseLong(argument))));
            case "heap" -> reply(id, Long.toString(heapUsedAfterGc()));
            default -> reply(id, "ERR", "IllegalArgumentException unknown command '" + command + "'");
        }
    }

    private void answerWrite(String id, CompletionStage<WriteResult> write) {
        write.whenComplete((result, failure) -> {
            if (failure == null) {
                reply(id, Long.toString(result.index()));
            } else {
                fail(id, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
        });
    }

    private long queryLong(String argument) {
        String[] parts = argument.split(" ", 2);
        Consistency consistency = Consistency.valueOf(parts[0]);
        return store.read(consistency, connection -> {
            try (java.sql.Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(parts[1])) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    private String keys() {
        return store.read(Consistency.LOCAL, connection -> {
            StringJoiner keys = new StringJoiner(",");
            try (java.sql.Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery("SELECT k FROM kv ORDER BY seq")) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys.toString();
        });
    }

    /** {@code role leader term commitIndex appliedIndex}; the leader is {@code -} when none is known. */
    private String status() {
        var status = store.status();
        return status.role() + " " + status.leader().orElse("-") + " " + status.term() + " " + status.commitIndex()
                + " " + status.appliedIndex();
    }

    private String load(String argument) {
        String[] parts = argument.split(" ");
        ReplicatedDatabase database = store;
        return WriteLoad.run(database, Integer.parseInt(parts[0]), Duration.ofMillis(Long.parseLong(parts[1])),
                Duration.ofMillis(Long.parseLong(parts[2]))).toWire();
    }

    /** A long command runs on a thread of its own, so the protocol keeps answering (status, heap) meanwhile. */
    private void runInBackground(String id, java.util.function.Supplier<String> work) {
        Thread thread = new Thread(() -> {
            try {
                reply(id, work.get());
            } catch (RuntimeException | Error e) {
                fail(id, e);
            }
        }, "node-command-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    private static long heapUsedAfterGc() {
        // Two collections: the first may only queue finalizable objects and reference clean-ups.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void reply(String id, String result) {
        reply(id, "OK", result);
    }

    private void fail(String id, Throwable failure) {
        reply(id, "ERR", failure.getClass().getSimpleName() + " " + failure.getMessage());
    }

    private void reply(String id, String kind, String text) {
        println("@" + id + " " + kind + " " + text.replace('\n', ' ').replace('\r', ' '));
    }

    private synchronized void println(String line) {
        out.println(line);
        out.flush();
    }
}
