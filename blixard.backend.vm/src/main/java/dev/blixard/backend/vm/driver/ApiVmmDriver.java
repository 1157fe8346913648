package dev.blixard.backend.vm.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What Cloud Hypervisor and Firecracker have in common: the binary starts with an API socket in the execution's
 * directory, the VM is configured and booted through REST calls on it, and stopped through it too (SIGTERM when
 * the API does not answer, SIGKILL after the grace). Both need KVM. The guest console is the VMM's standard output.
 */
abstract class ApiVmmDriver implements VmmDriver {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(10);

    private final String name;
    private final String configured;
    private final Optional<Path> binary;
    private final String version;
    private final Supplier<Optional<String>> kvmProblem;
    private final Duration apiTimeout;

    /**
     * @param configured the configured binary, a name on the PATH or a path
     * @param kvmProblem why KVM is not usable now, or empty when it is
     */
    ApiVmmDriver(String name, String configured, Supplier<Optional<String>> kvmProblem, Duration apiTimeout) {
        this.name = name;
        this.configured = configured;
        this.binary = Executables.find(configured);
        this.version = binary.map(found -> Executables.version(found, name)).orElse(name + " not found (" + configured + ")");
        this.kvmProblem = kvmProblem;
        this.apiTimeout = apiTimeout;
    }

    /** @return the VMM's command line, with its API socket at {@code apiSocket} */
    abstract List<String> command(Path binary, Path apiSocket, VmLaunch launch);

    /** Configures and boots the VM through the API. */
    abstract void boot(UnixHttpClient api, VmLaunch launch) throws IOException;

    /** Asks the VMM, through its API, to end the VM and itself. */
    abstract void shutdown(UnixHttpClient api) throws IOException;

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (binary.isEmpty()) {
            return Optional.of("no " + name + " binary (" + configured + " is not an executable here)");
        }
        return kvmProblem.get().map(problem -> name + " needs KVM: " + problem);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean separateOutputPorts() {
        return false;
    }

    @Override
    public VmmProcess start(VmLaunch launch) throws IOException {
        Path apiSocket = launch.directory().resolve("api.sock");
        Path log = launch.directory().resolve("vmm.log");
        Process process = VmmProcess.launch(new ProcessBuilder(command(binary.orElseThrow(), apiSocket, launch)), log);
        UnixHttpClient api = new UnixHttpClient(apiSocket, apiTimeout);
        VmmProcess vmm = new VmmProcess(process, "kvm", log, running -> {
            try {
                shutdown(api);
            } catch (IOException e) {
                running.destroy();
                throw e;
            }
        });
        try {
            awaitSocket(apiSocket, process);
            boot(api, launch);
            return vmm;
        } catch (IOException e) {
            process.destroyForcibly();
            awaitEnd(process);
            String messages = vmm.messages();
            throw new IOException(name + " did not boot the VM: " + e.getMessage()
                    + (messages.isEmpty() ? "" : "; it said: " + messages), e);
        }
    }

    /** The VMM makes its API socket once it has started; until then a connection is refused. */
    private static void awaitSocket(Path socket, Process process) throws IOException {
        long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
        while (true) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("the VMM ended (status " + process.exitValue() + ") before its API socket was up");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("its API socket " + socket + " did not answer within " + SOCKET_WAIT.toSeconds() + " s");
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the API socket", e);
            }
        }
    }

    private static void awaitEnd(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
