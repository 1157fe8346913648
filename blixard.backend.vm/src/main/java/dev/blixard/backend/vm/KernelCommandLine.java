package dev.blixard.backend.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guest kernel's command line: what the backend needs (the console, where init is, what a panic does) plus
 * what a job adds. A job's extras are checked word by word: plain {@code key} or {@code key=value} words of a
 * safe alphabet, never one of the keys the backend sets (a job cannot move the console its exit code travels on,
 * or replace init), and never {@code --}, after which the kernel hands words to init.
 */
final class KernelCommandLine {

    static final int MAX_EXTRA_LENGTH = 512;
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.,:+/=-]*");
    private static final Set<String> RESERVED = Set.of("console", "init", "rdinit", "root", "panic", "reboot");

    private KernelCommandLine() {
    }

    /** @return the words of a job's {@code cmdline}, with every problem added to {@code problems} */
    static List<String> extras(String cmdline, List<String> problems) {
        if (cmdline.length() > MAX_EXTRA_LENGTH) {
            problems.add("\"cmdline\" is longer than " + MAX_EXTRA_LENGTH + " characters");
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : cmdline.trim().split("\\s+")) {
            String key = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (!WORD.matcher(word).matches()) {
                problems.add("\"cmdline\": \"" + word + "\" is not a plain kernel argument (letters, digits and _.,:+/=-)");
            } else if (RESERVED.contains(key)) {
                problems.add("\"cmdline\": \"" + key + "\" is set by the backend and cannot be changed by a job");
            } else {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /**
     * @param rootfs whether the guest boots from a root file system image instead of its initrd
     * @param driverWords what the VMM needs (for example Firecracker's {@code pci=off})
     * @return the whole command line
     */
    static String build(boolean rootfs, List<String> driverWords, List<String> jobWords) {
        List<String> words = new ArrayList<>(List.of("console=ttyS0", "quiet", "panic=-1"));
        // Probing for a PS/2 keyboard and mouse no VM has costs about a second under emulation.
        words.addAll(List.of("i8042.noaux", "i8042.nokbd", "i8042.nopnp"));
        words.addAll(rootfs ? List.of("root=/dev/vda", "ro", "init=/init") : List.of("rdinit=/init"));
        words.addAll(driverWords);
        words.addAll(jobWords);
        return String.join(" ", words);
    }
}
