package dev.blixard.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one Docker engine, as two docker-java clients over the same host: one for calls the engine
 * answers at once (ping, version, create, start, inspect, kill, remove, list), each bounded by the API timeout so
 * that a hung engine cannot hang a health check, a timeout or a stop; and one for streams that last as long as a
 * container runs or an image downloads (waiting for an exit, following output, pulling), of which only
 * connecting is bounded.
 */
final class DockerEngine implements AutoCloseable {

    /** Labels every container of this backend carries: how a node finds its own, also after a crash. */
    static final String LABEL_BACKEND = "blixard.backend";
    static final String LABEL_NODE = "blixard.node.id";
    static final String LABEL_JOB = "blixard.job.id";
    static final String LABEL_EXECUTION = "blixard.execution.id";

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

    /** What a probe learnt: the engine answered its ping, and which engine it is. */
    record Facts(String version, String apiVersion, String os, String arch) {
        String describe() {
            return "Docker Engine " + version + " (API " + apiVersion + ", " + os + "/" + arch + ")";
        }
    }

    private final URI host;
    private final DockerClientConfig config;
    private final Duration apiTimeout;
    private final int maxConnections;
    private volatile DockerClient calls;
    private volatile DockerClient streams;

    private DockerEngine(URI host, DockerClientConfig config, Duration apiTimeout, int maxConnections) {
        this.host = host;
        this.config = config;
        this.apiTimeout = apiTimeout;
        this.maxConnections = maxConnections;
        this.calls = client(apiTimeout);
        this.streams = client(null);
    }

    /** @param responseTimeout how long a call may wait for its answer; {@code null} for as long as it takes */
    private DockerClient client(Duration responseTimeout) {
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder().dockerHost(host).maxConnections(maxConnections)
                .connectionTimeout(apiTimeout);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return withBundleClassLoader(() -> DockerClientImpl.getInstance(config, http.build()));
    }

    /**
     * Creates the clients; nothing is sent to the engine yet.
     *
     * @param host {@code unix:///path} or {@code tcp://host:port}
     * @throws IllegalArgumentException when the host is not such a URI
     */
    static DockerEngine connect(String host, Duration apiTimeout, int maxConnections) {
        URI uri = parseHost(host);
        // docker-java reads the environment and ~/.docker for defaults; the node's configuration decides instead.
        DockerClientConfig config = withBundleClassLoader(() -> DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(uri.toString()).withDockerTlsVerify(false).build());
        return new DockerEngine(uri, config, apiTimeout, maxConnections);
    }

    private static URI parseHost(String host) {
        URI uri;
        try {
            uri = URI.create(host.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("docker.host \"" + host + "\" is not a URI: " + e.getMessage());
        }
        boolean unix = "unix".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().startsWith("/");
        boolean tcp = "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0;
        if (!unix && !tcp) {
            throw new IllegalArgumentException("docker.host \"" + host
                    + "\" must be unix:///path/to/docker.sock or tcp://host:port");
        }
        return uri;
    }

    /**
     * Runs {@code action} with this bundle's class loader as the thread's context class loader: docker-java
     * and Jackson look classes up through it, and under Declarative Services it is otherwise the framework's.
     */
    static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(DockerEngine.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    URI host() {
        return host;
    }

    /** The client for calls answered at once: create, start, inspect, kill, remove. */
    DockerClient calls() {
        return calls;
    }

    /** The client for calls that last: waiting for a container's exit, following its output, pulling an image. */
    DockerClient streams() {
        return streams;
    }

    /**
     * Replaces both clients, for when the engine answers again after it did not: their pooled connections lead
     * to the engine process that went away, and the first call on each would fail ("broken pipe"). Streams still
     * open on the old clients belonged to that process too.
     */
    void reconnect() {
        DockerClient oldCalls = calls;
        DockerClient oldStreams = streams;
        calls = client(apiTimeout);
        streams = client(null);
        close(oldCalls);
        close(oldStreams);
    }

    /**
     * Pings the engine and asks its version, each within the API timeout.
     *
     * @throws RuntimeException when it does not answer (the message says why)
     */
    Facts probe() {
        // Without this check, the HTTP client would try a missing socket twice and log each retry at INFO.
        if ("unix".equals(host.getScheme()) && !Files.exists(Path.of(host.getPath()))) {
            throw new IllegalStateException("no Docker engine socket at " + host.getPath());
        }
        calls.pingCmd().exec();
        Version version = calls.versionCmd().exec();
        return new Facts(version.getVersion(), version.getApiVersion(), version.getOperatingSystem(), version.getArch());
    }

    /**
     * Kills and removes every container labelled with this node's id: what an earlier run of the backend on this
     * node left when it crashed (a clean stop removes its own). Containers of other nodes sharing the engine are
     * left alone.
     *
     * @return the ids removed
     */
    List<String> removeLeftovers(String nodeId) {
        List<Container> leftovers = calls.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_BACKEND, DockerExecutionBackend.TYPE, LABEL_NODE, nodeId)).exec();
        for (Container container : leftovers) {
            LOG.info("Removing container {} of job {} (execution {}), left on node {} by an earlier run", container.getId(),
                    container.getLabels().get(LABEL_JOB), container.getLabels().get(LABEL_EXECUTION), nodeId);
            remove(container.getId());
        }
        return leftovers.stream().map(Container::getId).toList();
    }

    /** Removes a container, killing it first if it runs; one already gone is not an error. */
    void remove(String containerId) {
        try {
            calls.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            LOG.debug("Container {} was already removed", containerId);
        }
    }

    @Override
    public void close() {
        close(calls);
        close(streams);
    }

    private void close(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("Docker backend: closing the client of {} failed: {}", host, e.toString());
        }
    }
}
