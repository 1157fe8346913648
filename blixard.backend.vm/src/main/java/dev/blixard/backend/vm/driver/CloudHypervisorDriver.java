package dev.blixard.backend.vm.driver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cloud Hypervisor through its REST API ({@code --api-socket path=...}): {@code PUT /api/v1/vm.create} with the
 * CPUs, memory, payload (kernel, initramfs, cmdline), disks and the serial port on the VMM's standard output
 * ({@code "Tty"}), then {@code PUT /api/v1/vm.boot}; stopped with {@code vm.shutdown} and {@code vmm.shutdown}.
 */
public final class CloudHypervisorDriver extends ApiVmmDriver {

    public static final String NAME = "cloud-hypervisor";
    private static final String API = "/api/v1/";

    public CloudHypervisorDriver(String binary, Supplier<Optional<String>> kvmProblem, Duration apiTimeout) {
        super(NAME, binary, kvmProblem, apiTimeout);
    }

    @Override
    public List<String> kernelArguments() {
        return List.of();
    }

    @Override
    List<String> command(Path binary, Path apiSocket, VmLaunch launch) {
        return List.of(binary.toString(), "--api-socket", "path=" + apiSocket);
    }

    @Override
    void boot(UnixHttpClient api, VmLaunch launch) throws IOException {
        api.put(API + "vm.create", vmConfig(launch).toString());
        api.put(API + "vm.boot", null);
    }

    static ObjectNode vmConfig(VmLaunch launch) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("cpus").put("boot_vcpus", launch.vcpus()).put("max_vcpus", launch.vcpus());
        config.putObject("memory").put("size", launch.memoryMb() * 1024L * 1024L);
        ObjectNode payload = config.putObject("payload").put("kernel", launch.kernel().toString())
                .put("cmdline", launch.cmdline());
        launch.initrd().ifPresent(initrd -> payload.put("initramfs", initrd.toString()));
        if (launch.rootfs().isPresent()) {
            ArrayNode disks = config.putArray("disks");
            disks.addObject().put("path", launch.rootfs().get().toString()).put("readonly", true);
            launch.configDisk().ifPresent(disk -> disks.addObject().put("path", disk.toString()).put("readonly", true));
        }
        config.putObject("serial").put("mode", "Tty");
        config.putObject("console").put("mode", "Off");
        return config;
    }

    @Override
    void shutdown(UnixHttpClient api) throws IOException {
        try {
            api.put(API + "vm.shutdown", null);
        } finally {
            api.put(API + "vmm.shutdown", null);
        }
    }
}
