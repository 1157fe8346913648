package dev.blixard.backend.vm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the microVM backend (PID {@code blixard.backend.vm}, file {@code etc/blixard.backend.vm.config}
 * with the attribute names written with dots: {@code image.dir}, {@code default.driver}, ...).
 */
@ObjectClassDefinition(name = "Blixard microVM backend",
        description = "Runs each job in a small VM of its own: where kernels and initrds come from, which VMM drives them, how big a VM is, how many run at once.")
public @interface VmBackendConfig {

    @AttributeDefinition(name = "Image directory", description = "Where a job's kernel, initrd and rootfs names are looked up; names leading outside it (also through symbolic links) are refused. Empty: DATA_DIR/vm/images (none outside a node).")
    String image_dir() default "";

    @AttributeDefinition(name = "Runtime directory", description = "Each running VM gets a directory under it (its initrd with the job, serial sockets, pid file), removed when the job ends; leftovers of a crashed node are cleaned when the backend starts. Must be short: Unix socket paths are limited to 107 bytes. Empty: DATA_DIR/run/vm (or the JVM's temp directory outside a node).")
    String runtime_dir() default "";

    @AttributeDefinition(name = "Default driver", description = "The VMM for jobs whose payload names none; auto takes the first available of cloud-hypervisor, firecracker, qemu.",
            options = {@Option(label = "auto", value = "auto"), @Option(label = "QEMU", value = "qemu"),
                @Option(label = "Cloud Hypervisor", value = "cloud-hypervisor"), @Option(label = "Firecracker", value = "firecracker")})
    String default_driver() default "auto";

    @AttributeDefinition(name = "QEMU binary", description = "qemu-system-x86_64: a name looked up on the PATH, or a path.")
    String qemu_binary() default "qemu-system-x86_64";

    @AttributeDefinition(name = "Cloud Hypervisor binary", description = "A name looked up on the PATH, or a path. Needs a usable KVM.")
    String cloud_hypervisor_binary() default "cloud-hypervisor";

    @AttributeDefinition(name = "Firecracker binary", description = "A name looked up on the PATH, or a path. Needs a usable KVM.")
    String firecracker_binary() default "firecracker";

    @AttributeDefinition(name = "KVM", description = "Whether VMs use KVM. auto: only after a probe boot (in the background when the backend starts) finished in time; /dev/kvm alone proves nothing.",
            options = {@Option(label = "auto: probe, use it when the probe boot works", value = "auto"),
                @Option(label = "never: software emulation (QEMU TCG) only", value = "never"),
                @Option(label = "always: trust /dev/kvm without a probe", value = "always")})
    String kvm_mode() default "auto";

    @AttributeDefinition(name = "KVM probe deadline (ms)", description = "How long the probe boot may take before KVM is declared unusable.", min = "1000")
    long kvm_probe_timeout_ms() default 15_000;

    @AttributeDefinition(name = "Default kernel", description = "Kernel (a name in the image directory) for jobs that name none, and the one the KVM probe boots. An uncompressed vmlinux with a PVH entry point boots several times faster under QEMU's software emulation than a bzImage (vmlinuz), and is what Firecracker and Cloud Hypervisor expect.")
    String default_kernel() default "vmlinux";

    @AttributeDefinition(name = "Default initrd", description = "Initrd (a name in the image directory, with an init speaking the guest protocol) for jobs that name neither an initrd nor a rootfs, and the one the KVM probe boots.")
    String default_initrd() default "initrd.img";

    @AttributeDefinition(name = "Default vCPUs", description = "For jobs that ask for none.", min = "1")
    int default_vcpus() default 1;

    @AttributeDefinition(name = "Maximum vCPUs", description = "The most a job may ask for.", min = "1")
    int max_vcpus() default 4;

    @AttributeDefinition(name = "Default memory (MiB)", description = "For jobs that ask for none.", min = "64")
    int default_memory_mb() default 256;

    @AttributeDefinition(name = "Maximum memory (MiB)", description = "The most a job may ask for.", min = "64")
    int max_memory_mb() default 2048;

    @AttributeDefinition(name = "Concurrency", description = "VMs run at once; further submits are refused as retryable.", min = "1")
    int max_concurrent_vms() default 4;

    @AttributeDefinition(name = "Output cap (bytes)", description = "Kept per stream (console, stdout, stderr): the first and last halves, with a marker in between.", min = "256")
    int output_max_bytes() default 1_048_576;

    @AttributeDefinition(name = "Kill grace (ms)", description = "Between the polite stop (SIGTERM, or the VMM's API shutdown) and SIGKILL when a job times out, is cancelled or the backend stops; also how long a guest may take to power off after its job ended.", min = "0")
    long kill_grace_ms() default 3_000;
}
