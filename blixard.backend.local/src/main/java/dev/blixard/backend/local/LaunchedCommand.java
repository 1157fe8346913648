package dev.blixard.backend.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full argv of one job: {@code setsid} (so the job leads a process group of its own, which is what gets
 * signalled), the sandbox if asked for, {@code prlimit} if limits are set (it applies them and then becomes the
 * job's program, so the limits bind the job and not the tools around it), then the program and its arguments.
 * Each wrapper replaces itself with the next ({@code exec}), so the process the node started is the job's own
 * process or its sandbox.
 *
 * @param argv everything the node starts
 * @param program the job's executable as resolved and checked against the allow-list
 * @param environment the job's whole environment (the node's own is not passed on)
 */
record LaunchedCommand(List<String> argv, Path program, Map<String, String> environment) {

    static LaunchedCommand of(Path setsid, Optional<List<String>> sandboxPrefix, Optional<Path> prlimit,
            JobLimits limits, Path program, List<String> arguments, Map<String, String> environment) {
        List<String> argv = new ArrayList<>();
        argv.add(setsid.toString());
        sandboxPrefix.ifPresent(argv::addAll);
        if (!limits.isEmpty()) {
            argv.add(prlimit.orElseThrow(() -> new IllegalArgumentException(
                    "this job sets limits but prlimit (util-linux) is not installed on the node")).toString());
            argv.addAll(limits.prlimitOptions());
            argv.add("--");
        }
        argv.add(program.toString());
        argv.addAll(arguments);
        return new LaunchedCommand(List.copyOf(argv), program, Map.copyOf(environment));
    }
}
