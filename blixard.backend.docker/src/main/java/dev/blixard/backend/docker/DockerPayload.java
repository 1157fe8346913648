package dev.blixard.backend.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code docker} job asks for, read from its payload:
 * {@code {"image": "alpine:3", "cmd": ["sh", "-c", "..."], "entrypoint": [...], "env": {"K": "v"},
 * "workdir": "/work", "user": "1000:1000", "limits": {"memory_mb": 128, "cpus": 0.5, "pids": 64},
 * "network": "none", "timeout_ms": 60000, "mounts": [{"source": "/srv/data", "target": "/data", "read_only": true}]}}.
 * Only {@code image} is required; {@code cmd} and {@code entrypoint} default to the image's.
 *
 * @param image the image reference, as the engine knows it
 * @param cmd the command, or empty for the image's
 * @param entrypoint the entrypoint, or empty for the image's
 * @param environment variables the job adds
 * @param workdir the working directory inside the container (absolute), or empty for the image's
 * @param user the user (name, uid or uid:gid), or empty for the image's
 * @param limits what the job asks for; the backend's defaults and maximums apply on top
 * @param network the network, or empty for the backend's default ({@code none})
 * @param timeoutMillis a wall-clock limit below the node's, or empty
 * @param mounts bind mounts asked for, checked later against the allow-list
 */
record DockerPayload(String image, Optional<List<String>> cmd, Optional<List<String>> entrypoint,
        Map<String, String> environment, Optional<String> workdir, Optional<String> user, RequestedLimits limits,
        Optional<String> network, OptionalLong timeoutMillis, List<Mount> mounts) {

    /** Limits as the payload names them; each is empty when not named. */
    record RequestedLimits(OptionalLong memoryMb, OptionalDouble cpus, OptionalLong pids) {
        static final RequestedLimits NONE = new RequestedLimits(OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
    }

    /** A bind mount asked for: a host path, where it appears in the container, and whether read-only. */
    record Mount(String source, String target, boolean readOnly) {
    }

    private static final Set<String> FIELDS = Set.of("image", "cmd", "entrypoint", "env", "workdir", "user", "limits",
            "network", "timeout_ms", "mounts");
    private static final Set<String> LIMIT_FIELDS = Set.of("memory_mb", "cpus", "pids");
    private static final Set<String> MOUNT_FIELDS = Set.of("source", "target", "read_only");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** @throws IllegalArgumentException naming every problem of the payload, each with its field */
    static DockerPayload parse(String payloadJson) {
        List<String> problems = new ArrayList<>();
        PayloadReader fields = PayloadReader.ofPayload(payloadJson, "an object with an \"image\", e.g. "
                + "{\"image\": \"busybox\", \"cmd\": [\"echo\", \"hello\"]}", problems).onlyFields(FIELDS);
        Optional<String> image = fields.text("image");
        if (image.isEmpty() && fields.node("image") == null) {
            fields.problem("image", "is required: the image to run, e.g. \"busybox:latest\"");
        }
        DockerPayload parsed = new DockerPayload(image.orElse(""), fields.strings("cmd"), fields.strings("entrypoint"),
                environment(fields), absolutePath(fields, "workdir"), fields.text("user"), limits(fields),
                fields.text("network"), fields.positiveLong("timeout_ms"), mounts(fields));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return parsed;
    }

    private static Map<String, String> environment(PayloadReader fields) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String[] pair : fields.stringPairs("env")) {
            if (VARIABLE_NAME.matcher(pair[0]).matches()) {
                environment.put(pair[0], pair[1]);
            } else {
                fields.problem("env", "has \"" + pair[0] + "\", which is not a variable name (letters, digits, _)");
            }
        }
        return environment;
    }

    private static RequestedLimits limits(PayloadReader fields) {
        return fields.object("limits").map(limits -> limits.onlyFields(LIMIT_FIELDS)).map(limits -> new RequestedLimits(
                limits.positiveLong("memory_mb"), limits.positiveNumber("cpus"), limits.positiveLong("pids")))
                .orElse(RequestedLimits.NONE);
    }

    private static List<Mount> mounts(PayloadReader fields) {
        List<Mount> mounts = new ArrayList<>();
        for (PayloadReader mount : fields.objects("mounts")) {
            mount.onlyFields(MOUNT_FIELDS);
            Optional<String> source = absolutePath(mount, "source");
            Optional<String> target = absolutePath(mount, "target");
            boolean readOnly = mount.bool("read_only").orElse(false);
            if (source.isEmpty() || target.isEmpty()) {
                if (mount.node("source") == null || mount.node("target") == null) {
                    mount.problem(mount.node("source") == null ? "source" : "target",
                            "is required: a mount names a host directory (source) and where it appears (target)");
                }
                continue;
            }
            // The engine's bind syntax is source:target:mode, so a ':' in either would be read as another part.
            if (source.get().contains(":")) {
                mount.problem("source", "must not contain ':', was \"" + source.get() + "\"");
            } else if (target.get().equals("/") || target.get().contains(":")) {
                mount.problem("target", "must be an absolute path other than / and without ':', was \"" + target.get() + "\"");
            } else {
                mounts.add(new Mount(source.get(), target.get(), readOnly));
            }
        }
        return List.copyOf(mounts);
    }

    private static Optional<String> absolutePath(PayloadReader fields, String field) {
        Optional<String> path = fields.text(field);
        if (path.isPresent() && !path.get().startsWith("/")) {
            fields.problem(field, "must be an absolute path, was \"" + path.get() + "\"");
            return Optional.empty();
        }
        return path;
    }
}
