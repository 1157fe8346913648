package dev.blixard.backend.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.TrackedExecution;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's container, from creation to its removal, on a runner thread of its own: create, start, follow its
 * output (demultiplexed, bounded), wait for its exit, read exit code and OOM flag, remove it, and only then
 * publish the final status, so that whoever sees the status also sees the container gone. Timeout, cancel and
 * the backend stopping kill the container; the same path then removes it.
 */
final class DockerExecution implements TrackedExecution {

    private static final Logger LOG = LoggerFactory.getLogger(DockerExecution.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long output may still arrive once the container has exited (the engine flushes its log). */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /** What every execution of one backend instance shares. */
    record Context(DockerEngine engine, PullPolicy pullPolicy, int outputCap, Clock clock, ScheduledExecutorService timers) {
    }

    /** Why an execution was ended from outside, decided by whoever came first. */
    private record Ending(ExecutionState state, String reason, boolean retryable) {
    }

    private final ExecutionHandle handle;
    private final ContainerSpec spec;
    private final Context context;
    private final Runnable whenEnded;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    /** Held while starting the container and while killing it, so a cancel cannot slip between the two. */
    private final Object startLock = new Object();
    private volatile String containerId;
    private volatile Instant startedAt;
    private volatile boolean oomKilled;

    /** @param whenEnded runs once the container is removed, just before the final status is published */
    DockerExecution(ExecutionHandle handle, ContainerSpec spec, Context context, Runnable whenEnded) {
        this.handle = handle;
        this.spec = spec;
        this.context = context;
        this.whenEnded = whenEnded;
        this.stdout = new OutputCapture(context.outputCap());
        this.stderr = new OutputCapture(context.outputCap());
    }

    @Override
    public ExecutionHandle handle() {
        return handle;
    }

    @Override
    public CompletableFuture<ExecutionStatus> completion() {
        return completion;
    }

    @Override
    public ExecutionStatus status() {
        if (completion.isDone()) {
            return completion.join();
        }
        return statusBuilder(startedAt == null ? ExecutionState.PENDING : ExecutionState.RUNNING).build();
    }

    /** The whole life of the container; runs on a runner thread and returns once the final status is out. */
    void run() {
        ScheduledFuture<?> timer = context.timers().schedule(() -> end(ExecutionState.TIMED_OUT,
                "job " + handle.jobId() + " timed out after " + spec.timeout().toMillis() + " ms", false),
                spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        ExecutionStatus last;
        try {
            last = runContainer();
        } catch (ExecutionException e) {
            last = ended(ExecutionState.FAILED, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            LOG.warn("Job {} execution {} container {}: the Docker engine failed: {}", handle.jobId(), handle.executionId(),
                    containerId, EngineStatus.reason(e));
            last = ended(ExecutionState.FAILED, "the Docker engine at " + context.engine().host() + " failed while running job "
                    + handle.jobId() + ": " + EngineStatus.reason(e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = ended(ExecutionState.CANCELLED, "docker backend stopped while job " + handle.jobId() + " ran", true);
        } finally {
            timer.cancel(false);
        }
        removeContainer();
        try {
            whenEnded.run();
        } finally {
            completion.complete(last);
        }
    }

    private ExecutionStatus runContainer() throws ExecutionException, InterruptedException {
        DockerClient calls = context.engine().calls();
        DockerClient streams = context.engine().streams();
        if (context.pullPolicy() == PullPolicy.ALWAYS) {
            pull(streams);
        }
        containerId = create(calls, streams);
        synchronized (startLock) {
            if (ending.get() != null) {
                return ended(ending.get().state(), ending.get().reason(), ending.get().retryable());
            }
            try {
                calls.startContainerCmd(containerId).exec();
            } catch (BadRequestException | NotFoundException e) {
                // The job's own setup: a command missing from the image, a network that does not exist.
                throw new ExecutionException("the Docker engine cannot start the container of job " + handle.jobId() + ": "
                        + engineMessage(e), false);
            }
            startedAt = context.clock().instant();
        }
        LOG.debug("Job {} execution {} runs in container {}", handle.jobId(), handle.executionId(), containerId);
        ResultCallback.Adapter<Frame> output = streams.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withFollowStream(true).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).append(frame.getPayload());
                    }
                });
        try {
            streams.waitContainerCmd(containerId).exec(new WaitContainerResultCallback()).awaitStatusCode();
            if (!output.awaitCompletion(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Job {} container {}: output still open {} s after it exited; result without the rest",
                        handle.jobId(), containerId, DRAIN.toSeconds());
            }
        } finally {
            closeQuietly(output);
        }
        InspectContainerResponse.ContainerState state = calls.inspectContainerCmd(containerId).exec().getState();
        oomKilled = Boolean.TRUE.equals(state.getOOMKilled());
        Integer exitCode = state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
        Ending ended = ending.get();
        if (ended != null) {
            return statusBuilder(ended.state()).exitCode(exitCode).error(ended.reason()).retryable(ended.retryable())
                    .finishedAt(context.clock().instant()).build();
        }
        ExecutionStatus.Builder status;
        if (oomKilled) {
            status = statusBuilder(ExecutionState.FAILED).error("job " + handle.jobId()
                    + " was killed by the out-of-memory killer: its container reached its memory limit of "
                    + spec.limits().memoryMb() + " MiB (exit code " + exitCode + ")");
        } else if (exitCode != null && exitCode == 0) {
            status = statusBuilder(ExecutionState.SUCCEEDED);
        } else {
            status = statusBuilder(ExecutionState.FAILED).error("the container of job " + handle.jobId() + " exited with code "
                    + exitCode);
        }
        return status.exitCode(exitCode).finishedAt(context.clock().instant()).build();
    }

    /** Creates the container; a missing image is pulled first when the policy says so, else refused for good. */
    private String create(DockerClient calls, DockerClient streams) throws ExecutionException, InterruptedException {
        String name = "blixard-" + handle.executionId();
        try {
            return spec.createCommand(calls, name).exec().getId();
        } catch (BadRequestException e) {
            throw refused(e);
        } catch (NotFoundException e) {
            if (!engineMessage(e).startsWith("No such image")) {
                throw refused(e);
            }
            if (context.pullPolicy() != PullPolicy.IF_MISSING) {
                throw new ExecutionException("image \"" + spec.payload().image() + "\" is not on the Docker engine at "
                        + context.engine().host() + " and pull.policy is " + context.pullPolicy().wireName
                        + ": load it there (docker load, docker import, docker pull) or allow pulling", false);
            }
        }
        pull(streams);
        return spec.createCommand(calls, name).exec().getId();
    }

    /** The engine refused the container the job describes: trying again cannot help. */
    private ExecutionException refused(DockerException e) {
        return new ExecutionException("the Docker engine refuses the container of job " + handle.jobId() + ": "
                + engineMessage(e), false);
    }

    private void pull(DockerClient streams) throws ExecutionException, InterruptedException {
        String image = spec.payload().image();
        LOG.info("Job {}: pulling image {}", handle.jobId(), image);
        try {
            streams.pullImageCmd(image).exec(new PullImageResultCallback()).awaitCompletion();
        } catch (NotFoundException e) {
            throw new ExecutionException("image \"" + image + "\" cannot be pulled: its registry does not have it ("
                    + engineMessage(e) + ")", false);
        } catch (RuntimeException e) {
            throw new ExecutionException("image \"" + image + "\" cannot be pulled now: " + EngineStatus.reason(e), true);
        }
    }

    /**
     * Ends the execution from outside: the container is killed now (or never started, if it was not yet). The
     * first caller decides the final state; later calls and calls after the end do nothing.
     *
     * @return whether this call ended it
     */
    boolean end(ExecutionState state, String reason, boolean retryable) {
        if (completion.isDone() || !ending.compareAndSet(null, new Ending(state, reason, retryable))) {
            return false;
        }
        LOG.debug("Ending job {} execution {} container {}: {}", handle.jobId(), handle.executionId(), containerId, reason);
        synchronized (startLock) {
            if (startedAt != null) {
                kill();
            }
        }
        return true;
    }

    private void kill() {
        try {
            context.engine().calls().killContainerCmd(containerId).exec();
        } catch (NotFoundException | ConflictException e) {
            LOG.debug("Container {} of job {} was no longer running when killed", containerId, handle.jobId());
        } catch (RuntimeException e) {
            // The removal at the end forces it again; the engine itself may be gone, then there is nothing to kill.
            LOG.warn("Killing container {} of job {} failed: {}", containerId, handle.jobId(), EngineStatus.reason(e));
        }
    }

    private void removeContainer() {
        if (containerId == null) {
            return;
        }
        try {
            context.engine().remove(containerId);
        } catch (RuntimeException e) {
            // Labelled with this node's id: the next activation of the backend on this node removes it.
            LOG.warn("Container {} of job {} execution {} could not be removed: {}", containerId, handle.jobId(),
                    handle.executionId(), EngineStatus.reason(e));
        }
    }

    private ExecutionStatus ended(ExecutionState state, String reason, boolean retryable) {
        return statusBuilder(state).error(reason).retryable(retryable).finishedAt(context.clock().instant()).build();
    }

    private ExecutionStatus.Builder statusBuilder(ExecutionState state) {
        return ExecutionStatus.builder(handle, state)
                .stdout(stdout.text(), stdout.truncated())
                .stderr(stderr.text(), stderr.truncated())
                .startedAt(startedAt)
                .output(spec.describe(containerId, oomKilled).toString());
    }

    /** Facts for {@code ExecutionBackend.metadata}. */
    Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("image", spec.payload().image());
        attributes.put("container_id", containerId == null ? "" : containerId);
        attributes.put("container_name", "blixard-" + handle.executionId());
        attributes.put("oom_killed", Boolean.toString(oomKilled));
        attributes.put("setup", spec.describe(containerId, oomKilled).toString());
        return attributes;
    }

    /**
     * The engine's own words: docker-java's message is {@code Status 400: {"message":"..."}}, the JSON answer
     * of the Engine API behind the status.
     */
    static String engineMessage(DockerException e) {
        String message = String.valueOf(e.getMessage());
        int json = message.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode answer = JSON.readTree(message.substring(json));
                if (answer.path("message").isTextual()) {
                    return answer.path("message").asText();
                }
            } catch (JsonProcessingException ignored) {
                // Not the Engine API's JSON: the message as it is says more than nothing.
            }
        }
        return message;
    }

    private void closeQuietly(ResultCallback.Adapter<Frame> output) {
        try {
            output.close();
        } catch (IOException e) {
            LOG.debug("Closing the output stream of container {} failed: {}", containerId, e.toString());
        }
    }
}
