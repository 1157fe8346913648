package dev.blixard.backend.vm.driver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Firecracker through its REST API ({@code --api-sock}): {@code PUT /boot-source} (kernel, boot arguments,
 * initrd), {@code PUT /drives/rootfs} and {@code /drives/config} for a rootfs guest, {@code PUT /machine-config},
 * then {@code PUT /actions {"action_type": "InstanceStart"}}; stopped with {@code SendCtrlAltDel}. Its serial
 * console is its standard output; the guest's reboot ends it ({@code reboot=k}). It boots an uncompressed
 * {@code vmlinux} kernel.
 */
public final class FirecrackerDriver extends ApiVmmDriver {

    public static final String NAME = "firecracker";

    public FirecrackerDriver(String binary, Supplier<Optional<String>> kvmProblem, Duration apiTimeout) {
        super(NAME, binary, kvmProblem, apiTimeout);
    }

    @Override
    public List<String> kernelArguments() {
        return List.of("reboot=k", "pci=off");
    }

    @Override
    List<String> command(Path binary, Path apiSocket, VmLaunch launch) {
        return List.of(binary.toString(), "--api-sock", apiSocket.toString(), "--id", launch.name());
    }

    @Override
    void boot(UnixHttpClient api, VmLaunch launch) throws IOException {
        ObjectNode bootSource = JSON.createObjectNode().put("kernel_image_path", launch.kernel().toString())
                .put("boot_args", launch.cmdline());
        launch.initrd().ifPresent(initrd -> bootSource.put("initrd_path", initrd.toString()));
        api.put("/boot-source", bootSource.toString());
        if (launch.rootfs().isPresent()) {
            api.put("/drives/rootfs", drive("rootfs", launch.rootfs().get(), true).toString());
        }
        if (launch.configDisk().isPresent()) {
            api.put("/drives/config", drive("config", launch.configDisk().get(), false).toString());
        }
        api.put("/machine-config", JSON.createObjectNode().put("vcpu_count", launch.vcpus())
                .put("mem_size_mib", launch.memoryMb()).toString());
        api.put("/actions", action("InstanceStart"));
    }

    private static ObjectNode drive(String id, Path path, boolean root) {
        return JSON.createObjectNode().put("drive_id", id).put("path_on_host", path.toString())
                .put("is_root_device", root).put("is_read_only", true);
    }

    private static String action(String type) {
        return JSON.createObjectNode().put("action_type", type).toString();
    }

    @Override
    void shutdown(UnixHttpClient api) throws IOException {
        api.put("/actions", action("SendCtrlAltDel"));
    }
}
