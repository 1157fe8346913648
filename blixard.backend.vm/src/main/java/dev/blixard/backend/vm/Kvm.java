package dev.blixard.backend.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this node's VMs may use KVM. {@code /dev/kvm} existing proves little (a nested or restricted host may
 * offer a device on which boots hang), so in the {@code auto} mode KVM counts as usable only once a real probe
 * boot with a short deadline has finished; until then, and when it fails, VMs use software emulation and the
 * drivers that need KVM are unavailable. The result is kept for the component's life and shown in health.
 */
final class Kvm {

    /** How the configuration wants KVM decided. */
    enum Mode {
        AUTO, NEVER, ALWAYS;

        static Mode fromName(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kvm.mode must be auto, never or always, was \"" + name + "\"");
            }
        }
    }

    static final Path DEVICE = Path.of("/dev/kvm");

    private final Mode mode;
    private volatile boolean usable;
    private volatile String state;

    Kvm(Mode mode, Path device) {
        this.mode = mode;
        Optional<String> deviceProblem = !Files.exists(device) ? Optional.of("no " + device)
                : !Files.isReadable(device) || !Files.isWritable(device) ? Optional.of("no access to " + device)
                : Optional.empty();
        if (mode == Mode.NEVER) {
            state = "not used (kvm.mode=never)";
        } else if (deviceProblem.isPresent()) {
            state = "unusable: " + deviceProblem.get();
        } else if (mode == Mode.ALWAYS) {
            usable = true;
            state = "usable: trusted without a probe (kvm.mode=always)";
        } else {
            state = "unknown: probe boot pending";
        }
    }

    /** @return whether a probe boot should decide (auto mode with a device to try) */
    boolean needsProbe() {
        return mode == Mode.AUTO && state.startsWith("unknown");
    }

    /** Records the probe boot's outcome. */
    void probed(boolean worked, String what) {
        usable = worked;
        state = (worked ? "usable: " : "unusable: ") + what;
    }

    boolean usable() {
        return usable;
    }

    /** @return why VMs cannot use KVM now, or empty when they can */
    Optional<String> problem() {
        return usable ? Optional.empty() : Optional.of(state);
    }

    /** @return the state for health, for example {@code unusable: the probe boot did not finish within 15000 ms} */
    String describe() {
        return state;
    }
}
