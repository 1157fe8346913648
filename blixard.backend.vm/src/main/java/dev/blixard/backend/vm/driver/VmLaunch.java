package dev.blixard.backend.vm.driver;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a driver needs to boot one job's VM.
 *
 * @param name a name for the VM that carries the execution id (QEMU's {@code -name}, Firecracker's {@code --id}),
 *        so its process can be told apart from others
 * @param directory the execution's own directory: the VMM's API socket, log and any file it needs go there
 * @param kernel the guest kernel
 * @param initrd the guest's initrd with the job appended, or empty when it boots from {@code rootfs}
 * @param rootfs a root file system image, attached read-only as the first disk, or empty
 * @param configDisk the job's archive as a disk (second disk, read-only) for a rootfs guest, or empty
 * @param cmdline the kernel command line
 * @param vcpus virtual CPUs
 * @param memoryMb guest memory in MiB
 * @param kvm whether to use KVM (else software emulation, where the driver has it)
 * @param ports the Unix sockets (listened on by the backend) for the job's stdout and stderr, when the driver has
 *        {@link VmmDriver#separateOutputPorts()}
 */
public record VmLaunch(String name, Path directory, Path kernel, Optional<Path> initrd, Optional<Path> rootfs,
        Optional<Path> configDisk, String cmdline, int vcpus, int memoryMb, boolean kvm, Optional<OutputPorts> ports) {

    public VmLaunch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(cmdline, "cmdline");
        if (initrd.isEmpty() == rootfs.isEmpty()) {
            throw new IllegalArgumentException("a VM boots from an initrd or from a rootfs, exactly one");
        }
    }

    /** The job's stdout and stderr serial ports (ttyS1, ttyS2), as Unix sockets the VMM connects to. */
    public record OutputPorts(Path stdout, Path stderr) {
    }
}
