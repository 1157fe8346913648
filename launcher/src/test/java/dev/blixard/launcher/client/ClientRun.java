package dev.blixard.launcher.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs a client command in-process and keeps its exit status, stdout and stderr. */
record ClientRun(int status, String out, String err) {

    static ClientRun of(Path dataDir, Map<String, String> variables, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ClientEnvironment env = new ClientEnvironment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                variables, dataDir, 7070);
        int status = ClientMain.run(args, env);
        return new ClientRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The number of lines written to stderr. */
    long errLines() {
        return err.lines().count();
    }
}
