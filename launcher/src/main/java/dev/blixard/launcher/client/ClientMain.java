package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.blixard.launcher.OptionSpec;

/**
 * Runs one client command: parses its arguments, resolves the connection, calls the node, and turns every
 * failure into one line on stderr and an {@link ExitCode}. Never a stack trace: a CLI user cannot act on one.
 */
public final class ClientMain {

    private ClientMain() {
    }

    /** Whether {@code word} names a client command (and not {@code run}, {@code help}, …). */
    public static boolean isClientCommand(String word) {
        return ClientCommands.find(word) != null;
    }

    /** The help of a client command, for {@code blixard help COMMAND}. */
    public static String usage(String commandName) {
        return ClientHelp.usage(ClientCommands.find(commandName));
    }

    /**
     * Runs {@code args}, whose first element is a client command's name.
     *
     * @return the exit status
     */
    public static int run(String[] args, ClientEnvironment env) {
        ClientCommand command = ClientCommands.find(args[0]);
        List<OptionSpec> options = new ArrayList<>(command.options());
        options.addAll(ClientHelp.COMMON_OPTIONS);
        try {
            ParsedArguments parsed = ArgumentParser.parse(Arrays.asList(args).subList(1, args.length), options);
            if (parsed.has(ClientHelp.HELP)) {
                env.out().print(ClientHelp.usage(command));
                return ExitCode.OK;
            }
            ApiClient api = new ApiClient(Connection.resolve(parsed, env));
            int status = command.execute(parsed, new CommandContext(api, env.in(), env.out(), parsed.has(ClientHelp.JSON)));
            env.out().flush();
            return status;
        } catch (ClientUsageException e) {
            env.err().println("blixard " + command.name() + ": " + e.getMessage());
            env.err().println();
            env.err().print(ClientHelp.usage(command));
            return e.exitCode();
        } catch (ClientException e) {
            env.out().flush();
            env.err().println("blixard: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            env.err().println("blixard: unexpected error in '" + command.name() + "': " + e);
            return ExitCode.FAILURE;
        }
    }
}
