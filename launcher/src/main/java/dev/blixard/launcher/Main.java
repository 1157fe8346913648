package dev.blixard.launcher;

import java.io.InputStream;
import java.io.PrintStream;

import dev.blixard.launcher.client.ClientEnvironment;
import dev.blixard.launcher.client.ClientMain;

/**
 * The {@code blixard} command. Exit status of {@code run}: 0 success, 1 the node could not start or failed, 2 the
 * command line is wrong. The client commands ({@code jobs}, {@code submit}, …) have their own statuses, see
 * {@link dev.blixard.launcher.client.ExitCode}.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    /** Runs the command line and exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("blixard: " + e.getMessage());
            err.println();
            err.print(e.usage());
            return EXIT_USAGE;
        }
        if (command instanceof Command.ShowHelp help) {
            out.print(help.text());
            return EXIT_OK;
        }
        if (command instanceof Command.ShowVersion) {
            out.println("blixard " + LauncherVersion.get());
            return EXIT_OK;
        }
        if (command instanceof Command.Client client) {
            return ClientMain.run(client.args(), new ClientEnvironment(in, out, err, System.getenv(),
                    RunOptions.DEFAULT_DATA_DIR, RunOptions.DEFAULT_HTTP_PORT));
        }
        Command.Run run = (Command.Run) command;
        try {
            return new RunCommand(run.options(), out, err).execute();
        } catch (StartupException e) {
            err.println("blixard: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }
}
