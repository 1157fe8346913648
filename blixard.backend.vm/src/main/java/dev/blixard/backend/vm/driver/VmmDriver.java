package dev.blixard.backend.vm.driver;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One virtual machine monitor the backend can boot job VMs with. A driver that cannot work on this node (its
 * binary or KVM missing) says why in {@link #unavailableReason()} and is never chosen.
 */
public interface VmmDriver {

    /** @return the name jobs and the configuration use: {@code qemu}, {@code cloud-hypervisor}, {@code firecracker} */
    String name();

    /** @return why the driver cannot boot VMs now, or empty when it can */
    Optional<String> unavailableReason();

    /** @return the VMM and its version, for health, for example {@code QEMU emulator version 7.2.22} */
    String version();

    /**
     * @return whether the job's stdout and stderr get serial ports of their own; otherwise they share the console
     *         with the kernel and init
     */
    boolean separateOutputPorts();

    /** @return kernel command line words the VMM needs (added to the backend's own) */
    List<String> kernelArguments();

    /**
     * Starts the VMM and boots the VM. The guest's console (ttyS0) is the returned process's standard output.
     *
     * @throws IOException when the VMM does not start or refuses the VM; nothing of it is left running
     */
    VmmProcess start(VmLaunch launch) throws IOException;
}
