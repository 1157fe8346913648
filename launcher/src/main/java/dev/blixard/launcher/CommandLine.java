package dev.blixard.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.blixard.launcher.client.ClientHelp;
import dev.blixard.launcher.client.ClientMain;

/**
 * Parses the arguments of the {@code blixard} command into a {@link Command}, and writes the help texts.
 *
 * <p>Options are declared once as {@link OptionSpec}s that drive both parsing and help. Both {@code --name value}
 * and {@code --name=value} are accepted; an option given twice is an error rather than "last one wins", because
 * a script that passes two different ports has a bug worth reporting.
 */
final class CommandLine {

    static final OptionSpec HELP = OptionSpec.flag("--help", "-h", "Show this help and exit");
    static final OptionSpec VERSION = OptionSpec.flag("--version", "-V", "Print the version and exit");

    static final OptionSpec DATA_DIR = OptionSpec.valued("--data-dir", "DIR",
            "Directory that holds the node's state (default: ./" + RunOptions.DEFAULT_DATA_DIR + ")");
    static final OptionSpec HTTP_PORT = OptionSpec.valued("--http-port", "N",
            "Port of the HTTP server: API, dashboard, Web Console (default: " + RunOptions.DEFAULT_HTTP_PORT + ")");
    static final OptionSpec BIND = OptionSpec.valued("--bind", "ADDR",
            "Address the HTTP server listens on (default: " + RunOptions.DEFAULT_BIND_ADDRESS + ")");
    static final OptionSpec NODE_ID = OptionSpec.valued("--node-id", "ID",
            "Identity of this node: letters, digits, '.', '_', '-' (default: generated on first start, kept in DIR/node.id)");

    static final OptionSpec RAFT_PORT = OptionSpec.valued("--raft-port", "N",
            "Port of this node's Raft endpoint (default: its entry in --peers; a free port when alone)");
    static final OptionSpec PEERS = OptionSpec.valued("--peers", "ID=HOST:PORT,...",
            "Every member of the cluster, this node included (needs --node-id); default: a one-node group");

    static final OptionSpec WITHOUT = OptionSpec.valued("--without", "BUNDLE,...",
            "Leave these runtime backend bundles out, e.g. blixard.backend.wasm (deploy them later through deploy/)");
    static final List<OptionSpec> GLOBAL_OPTIONS = List.of(HELP, VERSION);
    static final List<OptionSpec> RUN_OPTIONS = List.of(DATA_DIR, HTTP_PORT, BIND, NODE_ID, RAFT_PORT, PEERS, WITHOUT,
            HELP);

    private static final Pattern NODE_ID_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** {@code id=host:port}; the host may be a name, an IPv4 address or a bracketed IPv6 address. */
    private static final Pattern BACKEND_BUNDLE = Pattern.compile("blixard\\.backend\\.[a-z0-9][a-z0-9._-]*");
    private static final Pattern PEER_SYNTAX = Pattern.compile("([^=\\s]+)=(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]+):([^:]+)");

    /** The help texts; written out only when shown, so that a valid command line costs no formatting. */
    enum Topic {
        BLIXARD, RUN;

        String text() {
            return this == RUN ? runUsage() : mainUsage();
        }
    }

    private CommandLine() {
    }

    /**
     * Reads the command line.
     *
     * @throws UsageException when the arguments are not a valid command; its message is one line
     */
    static Command parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given", Topic.BLIXARD);
        }
        String first = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (HELP.isCalled(first)) {
            return new Command.ShowHelp(mainUsage());
        }
        if (VERSION.isCalled(first)) {
            return new Command.ShowVersion();
        }
        switch (first) {
            case "run":
                return parseRun(rest);
            case "help":
                return parseHelp(rest);
            default:
                if (ClientMain.isClientCommand(first)) {
                    return new Command.Client(args.clone());
                }
                if (first.startsWith("-")) {
                    throw new UsageException("unknown option '" + optionName(first) + "'", Topic.BLIXARD);
                }
                throw new UsageException("unknown command '" + first + "'", Topic.BLIXARD);
        }
    }

    private static Command parseHelp(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            return new Command.ShowHelp(mainUsage());
        }
        if (args.size() == 1 && args.get(0).equals("run")) {
            return new Command.ShowHelp(runUsage());
        }
        if (args.size() == 1 && ClientMain.isClientCommand(args.get(0))) {
            return new Command.ShowHelp(ClientMain.usage(args.get(0)));
        }
        throw new UsageException("no help for '" + String.join(" ", args) + "'", Topic.BLIXARD);
    }

    private static Command parseRun(List<String> args) throws UsageException {
        Map<String, String> values = scan(args, RUN_OPTIONS, Topic.RUN);
        if (values.containsKey(HELP.name())) {
            return new Command.ShowHelp(runUsage());
        }
        Path dataDir = values.containsKey(DATA_DIR.name())
                ? path(DATA_DIR, values.get(DATA_DIR.name()))
                : RunOptions.DEFAULT_DATA_DIR;
        int httpPort = values.containsKey(HTTP_PORT.name())
                ? port(HTTP_PORT, values.get(HTTP_PORT.name()))
                : RunOptions.DEFAULT_HTTP_PORT;
        String bind = values.containsKey(BIND.name())
                ? address(BIND, values.get(BIND.name()))
                : RunOptions.DEFAULT_BIND_ADDRESS;
        Optional<String> nodeId = values.containsKey(NODE_ID.name())
                ? Optional.of(nodeId(NODE_ID, values.get(NODE_ID.name())))
                : Optional.empty();
        OptionalInt raftPort = values.containsKey(RAFT_PORT.name())
                ? OptionalInt.of(port(RAFT_PORT, values.get(RAFT_PORT.name())))
                : OptionalInt.empty();
        List<RunOptions.Peer> peers = values.containsKey(PEERS.name())
                ? peers(PEERS, values.get(PEERS.name()))
                : List.of();
        Set<String> without = values.containsKey(WITHOUT.name())
                ? backendBundles(WITHOUT, values.get(WITHOUT.name()))
                : Set.of();
        return new Command.Run(cluster(new RunOptions(dataDir, httpPort, bind, nodeId, raftPort, peers, without)));
    }

    /** Checks that the cluster options fit together, and takes the Raft port from the node's own entry. */
    private static RunOptions cluster(RunOptions options) throws UsageException {
        if (options.peers().isEmpty()) {
            return options;
        }
        if (options.nodeId().isEmpty()) {
            throw new UsageException(PEERS.name() + " needs " + NODE_ID.name() + " to say which member this node is", Topic.RUN);
        }
        RunOptions.Peer self = options.self().orElseThrow(() -> new UsageException(PEERS.name()
                + " does not list this node '" + options.nodeId().get() + "'", Topic.RUN));
        if (options.raftPort().isPresent() && options.raftPort().getAsInt() != self.port()) {
            throw new UsageException(RAFT_PORT.name() + " " + options.raftPort().getAsInt() + " differs from port "
                    + self.port() + " of '" + self.id() + "' in " + PEERS.name(), Topic.RUN);
        }
        return new RunOptions(options.dataDir(), options.httpPort(), options.bindAddress(), options.nodeId(),
                OptionalInt.of(self.port()), options.peers(), options.withoutBundles());
    }

    /** Only backends may be left out: every other runtime bundle is part of what a node is. */
    private static Set<String> backendBundles(OptionSpec spec, String value) throws UsageException {
        Set<String> names = new TreeSet<>();
        for (String entry : value.split(",", -1)) {
            String name = entry.trim();
            if (!BACKEND_BUNDLE.matcher(name).matches()) {
                throw new UsageException(spec.name() + ": '" + entry + "' is not a backend bundle (blixard.backend.NAME);"
                        + " the other runtime bundles are part of every node", Topic.RUN);
            }
            names.add(name);
        }
        return names;
    }

    private static List<RunOptions.Peer> peers(OptionSpec spec, String value) throws UsageException {
        List<RunOptions.Peer> peers = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            Matcher matcher = PEER_SYNTAX.matcher(entry.trim());
            if (!matcher.matches()) {
                throw new UsageException(spec.name() + ": '" + entry + "' is not ID=HOST:PORT", Topic.RUN);
            }
            String id = nodeId(spec, matcher.group(1));
            int port = port(spec, matcher.group(3));
            if (peers.stream().anyMatch(peer -> peer.id().equals(id))) {
                throw new UsageException(spec.name() + ": node '" + id + "' is listed twice", Topic.RUN);
            }
            peers.add(new RunOptions.Peer(id, matcher.group(2), port));
        }
        return peers;
    }

    /**
     * Splits the arguments into options and their raw values (keyed by the option's long name), rejecting
     * anything that is not one of {@code specs}.
     */
    private static Map<String, String> scan(List<String> args, List<OptionSpec> specs, Topic topic)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = optionName(arg);
            String inlineValue = arg.startsWith("--") && arg.contains("=") ? arg.substring(name.length() + 1) : null;
            OptionSpec spec = find(specs, name);
            if (spec == null) {
                throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + name + "'"
                        : "unexpected argument '" + arg + "'", topic);
            }
            String value;
            if (!spec.takesValue()) {
                if (inlineValue != null) {
                    throw new UsageException("option " + spec.name() + " takes no value", topic);
                }
                value = "";
            } else if (inlineValue != null) {
                value = inlineValue;
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option " + spec.name() + " needs a value (" + spec.valueName() + ")", topic);
            }
            if (values.putIfAbsent(spec.name(), value) != null) {
                throw new UsageException("option " + spec.name() + " is given more than once", topic);
            }
        }
        return values;
    }

    private static OptionSpec find(List<OptionSpec> specs, String token) {
        for (OptionSpec spec : specs) {
            if (spec.isCalled(token)) {
                return spec;
            }
        }
        return null;
    }

    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
    }

    private static Path path(OptionSpec spec, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(spec.name() + ": the directory must not be empty", Topic.RUN);
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(spec.name() + ": '" + value + "' is not a valid path", Topic.RUN);
        }
    }

    private static int port(OptionSpec spec, String value) throws UsageException {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(spec.name() + ": '" + value + "' is not a port number (1-65535)", Topic.RUN);
        }
        if (port < 1 || port > 65535) {
            throw new UsageException(spec.name() + ": " + port + " is out of range (1-65535)", Topic.RUN);
        }
        return port;
    }

    private static String address(OptionSpec spec, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(spec.name() + ": the address must not be empty", Topic.RUN);
        }
        try {
            // Resolving here makes a typo a usage error (exit 2) instead of a failure deep in the HTTP server.
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException(spec.name() + ": '" + value + "' is not a known address", Topic.RUN);
        }
    }

    private static String nodeId(OptionSpec spec, String value) throws UsageException {
        if (!NODE_ID_SYNTAX.matcher(value).matches()) {
            throw new UsageException(spec.name() + ": '" + value
                    + "' is not a valid id (1-64 letters, digits, '.', '_', '-'; starting with a letter or digit)", Topic.RUN);
        }
        return value;
    }

    /** The help of {@code blixard} itself. */
    static String mainUsage() {
        return "Usage: blixard <command> [options]\n"
                + "\n"
                + "Blixard is a distributed job orchestrator; each node is one 'blixard run' process.\n"
                + "\n"
                + "Commands:\n"
                + commandLine("run", "Start a node in the foreground (stop it with Ctrl-C or SIGTERM)")
                + commandLine("help [COMMAND]", "Show this help, or the help of a command")
                + "\n"
                + "Client commands (call a node's REST API; --url, --token and --json work with each):\n"
                + ClientHelp.commandList()
                + "\n"
                + "Options:\n"
                + optionTable(GLOBAL_OPTIONS)
                + "\n"
                + "Run 'blixard run --help' for the options of a node, 'blixard COMMAND --help' for a client command.\n";
    }

    /** One line of the command list, aligned with the client commands' lines. */
    private static String commandLine(String command, String description) {
        String left = "  " + command;
        return left + " ".repeat(ClientHelp.COLUMN - left.length()) + description + "\n";
    }

    /** The help of {@code blixard run}. */
    static String runUsage() {
        return "Usage: blixard run [options]\n"
                + "\n"
                + "Starts a Blixard node in the foreground. Ctrl-C or SIGTERM stops it cleanly.\n"
                + "\n"
                + "Options:\n"
                + optionTable(RUN_OPTIONS)
                + "\n"
                + "Data directory (DIR):\n"
                + "  deploy/        bundle jars dropped here are installed and started; removed ones are uninstalled\n"
                + "  etc/           configuration files (PID.cfg, PID.config) loaded into Config Admin;\n"
                + "                 etc/org.ops4j.pax.logging.cfg overrides the logging setup\n"
                + "  config/        Config Admin's store (survives a reset of the cache)\n"
                + "  cache/         the OSGi framework's bundle cache (rebuilt when the launcher's bundles change)\n"
                + "  logs/          blixard.log\n"
                + "  admin.token    password of user 'admin' for the Web Console (created on first start, mode 600)\n"
                + "  node.id        this node's identity\n"
                + "  http.url       the URL the client commands on this machine use (written at every start)\n"
                + "  store/         the replicated SQLite database, its Raft log and snapshots\n"
                + "\n"
                + "A cluster: start every member with the same --peers and its own --node-id, e.g.\n"
                + "  blixard run --node-id n1 --data-dir d1 --http-port 7071 --peers n1=127.0.0.1:9001,n2=127.0.0.1:9002,n3=127.0.0.1:9003\n";
    }

    private static String optionTable(List<OptionSpec> specs) {
        // GNU layout: long-only options are indented past the "-x, " of those that have a short alias.
        List<String> left = specs.stream().map(s -> (s.alias() == null ? "      " : "  ") + s.synopsis()).toList();
        int width = left.stream().mapToInt(String::length).max().orElse(0) + 3;
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            table.append(left.get(i)).append(" ".repeat(width - left.get(i).length()))
                    .append(specs.get(i).description()).append('\n');
        }
        return table.toString();
    }
}
