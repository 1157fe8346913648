package dev.blixard.backend.vm.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * QEMU ({@code qemu-system-x86_64}) on the standard PC machine: software emulation (TCG) anywhere, KVM where the
 * backend found it usable. {@code -M microvm} would boot faster but hangs under TCG. The console is ttyS0 on
 * QEMU's standard output; the job's stdout and stderr are ttyS1 and ttyS2, each a Unix socket QEMU connects to.
 * {@code -no-reboot} turns the guest's reboot at the end of its job into QEMU's exit. Stopped by SIGTERM, then
 * SIGKILL.
 */
public final class QemuDriver implements VmmDriver {

    public static final String NAME = "qemu";

    private final Optional<Path> binary;
    private final String version;

    /** @param binary the configured binary, a name on the PATH or a path */
    public QemuDriver(String binary) {
        this.binary = Executables.find(binary);
        this.version = this.binary.map(found -> Executables.version(found, "QEMU")).orElse("QEMU not found (" + binary + ")");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return binary.isPresent() ? Optional.empty() : Optional.of("no QEMU binary: " + version);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean separateOutputPorts() {
        return true;
    }

    @Override
    public List<String> kernelArguments() {
        return List.of();
    }

    @Override
    public VmmProcess start(VmLaunch launch) throws IOException {
        Path log = launch.directory().resolve("vmm.log");
        ProcessBuilder builder = new ProcessBuilder(command(launch));
        // Anything QEMU writes for itself stays in the execution's directory, removed with it.
        builder.environment().put("TMPDIR", launch.directory().toString());
        return new VmmProcess(VmmProcess.launch(builder, log), launch.kvm() ? "kvm" : "tcg", log, Process::destroy);
    }

    List<String> command(VmLaunch launch) {
        List<String> command = new ArrayList<>(List.of(binary.orElseThrow().toString(),
                "-name", launch.name(), "-accel", launch.kvm() ? "kvm" : "tcg",
                "-m", Integer.toString(launch.memoryMb()), "-smp", Integer.toString(launch.vcpus()),
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-kernel", launch.kernel().toString(), "-append", launch.cmdline(),
                "-serial", "stdio"));
        launch.initrd().ifPresent(initrd -> command.addAll(List.of("-initrd", initrd.toString())));
        launch.ports().ifPresent(ports -> {
            command.addAll(List.of("-chardev", "socket,id=stdout,path=" + escaped(ports.stdout()), "-serial", "chardev:stdout"));
            command.addAll(List.of("-chardev", "socket,id=stderr,path=" + escaped(ports.stderr()), "-serial", "chardev:stderr"));
        });
        launch.rootfs().ifPresent(rootfs -> command.addAll(List.of("-drive",
                "file=" + escaped(rootfs) + ",format=raw,if=virtio,readonly=on")));
        launch.configDisk().ifPresent(disk -> command.addAll(List.of("-drive",
                "file=" + escaped(disk) + ",format=raw,if=virtio,readonly=on")));
        return command;
    }

    /** A path inside a QEMU option list, where a comma is written twice. */
    private static String escaped(Path path) {
        return path.toString().replace(",", ",,");
    }
}
