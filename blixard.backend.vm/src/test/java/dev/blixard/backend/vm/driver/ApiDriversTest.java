package dev.blixard.backend.vm.driver;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Cloud Hypervisor and Firecracker drivers at the protocol level: neither binary is installed on this machine
 * (and its KVM is unusable), so a fake binary (a shell script that only stays alive) stands in for the VMM and a
 * fake API server on the VM directory's Unix socket checks the HTTP/1.1 requests the drivers send, in the order
 * and with the bodies the real APIs expect: Cloud Hypervisor's {@code vm.create}, {@code vm.boot},
 * {@code vm.shutdown}, {@code vmm.shutdown}; Firecracker's {@code /boot-source}, {@code /drives/...},
 * {@code /machine-config}, {@code /actions} InstanceStart and SendCtrlAltDel. A refused request fails the start and
 * leaves no process.
 */
public class ApiDriversTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final TemporaryFolder temporary = new TemporaryFolder();

    private FakeApi api;
    private Path binary;
    private Path directory;
    private final List<VmmProcess> started = new ArrayList<>();

    @Before
    public void fakeVmm() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        directory = temporary.newFolder("vm").toPath();
        binary = temporary.getRoot().toPath().resolve("fake-vmm");
        // Records its pid and arguments and lives until killed: the API socket is the test's.
        Files.writeString(binary, "#!/bin/sh\n[ \"$1\" = --version ] && { echo fake-vmm v1; exit 0; }\necho $$ > "
                + directory.resolve("pid")
                + "\necho \"$@\" > \"$(dirname \"$0\")/arguments\"\nexec sleep 600\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        api = new FakeApi(directory.resolve("api.sock"));
    }

    @After
    public void stop() throws IOException {
        started.forEach(vmm -> vmm.stop(Duration.ZERO));
        api.close();
    }

    @Test
    public void cloudHypervisorCreatesBootsAndShutsDownTheVmThroughItsApi() throws Exception {
        CloudHypervisorDriver driver = new CloudHypervisorDriver(binary.toString(), Optional::empty, Duration.ofSeconds(5));
        assertEquals(Optional.empty(), driver.unavailableReason());
        VmmProcess vmm = start(driver, launch(Optional.of(directory.resolve("initrd.img")), Optional.empty()));

        assertEquals("--api-socket path=" + directory.resolve("api.sock"), arguments());
        assertEquals(List.of("PUT /api/v1/vm.create", "PUT /api/v1/vm.boot"), api.requests());
        JsonNode create = api.body("PUT /api/v1/vm.create");
        assertEquals(2, create.path("cpus").path("boot_vcpus").asInt());
        assertEquals(2, create.path("cpus").path("max_vcpus").asInt());
        assertEquals(256L * 1024 * 1024, create.path("memory").path("size").asLong());
        assertEquals("/images/vmlinuz", create.path("payload").path("kernel").asText());
        assertEquals(directory.resolve("initrd.img").toString(), create.path("payload").path("initramfs").asText());
        assertEquals("console=ttyS0 rdinit=/init", create.path("payload").path("cmdline").asText());
        assertEquals("Tty", create.path("serial").path("mode").asText());
        assertEquals("Off", create.path("console").path("mode").asText());

        vmm.stop(Duration.ofMillis(200));
        assertEquals(List.of("PUT /api/v1/vm.create", "PUT /api/v1/vm.boot", "PUT /api/v1/vm.shutdown",
                "PUT /api/v1/vmm.shutdown"), api.requests());
        assertFalse("killed after the grace (the fake ignores the API)", vmm.alive());
    }

    @Test
    public void firecrackerConfiguresTheMachineStartsItAndSendsCtrlAltDelThroughItsApi() throws Exception {
        FirecrackerDriver driver = new FirecrackerDriver(binary.toString(), Optional::empty, Duration.ofSeconds(5));
        VmmProcess vmm = start(driver, launch(Optional.empty(), Optional.of(Path.of("/images/root.ext4"))));

        assertEquals("--api-sock " + directory.resolve("api.sock") + " --id blixard-test", arguments());
        assertEquals(List.of("PUT /boot-source", "PUT /drives/rootfs", "PUT /drives/config", "PUT /machine-config",
                "PUT /actions"), api.requests());
        JsonNode boot = api.body("PUT /boot-source");
        assertEquals("/images/vmlinuz", boot.path("kernel_image_path").asText());
        assertEquals("console=ttyS0 rdinit=/init", boot.path("boot_args").asText());
        assertFalse("a rootfs guest has no initrd", boot.has("initrd_path"));
        JsonNode rootfs = api.body("PUT /drives/rootfs");
        assertEquals("rootfs", rootfs.path("drive_id").asText());
        assertEquals("/images/root.ext4", rootfs.path("path_on_host").asText());
        assertTrue(rootfs.path("is_root_device").asBoolean());
        assertTrue("the image is never written", rootfs.path("is_read_only").asBoolean());
        JsonNode config = api.body("PUT /drives/config");
        assertFalse(config.path("is_root_device").asBoolean());
        JsonNode machine = api.body("PUT /machine-config");
        assertEquals(2, machine.path("vcpu_count").asInt());
        assertEquals(256, machine.path("mem_size_mib").asInt());
        assertEquals("InstanceStart", api.body("PUT /actions").path("action_type").asText());
        assertEquals(List.of("reboot=k", "pci=off"), driver.kernelArguments());

        vmm.stop(Duration.ofMillis(200));
        assertEquals("SendCtrlAltDel", api.lastBody().path("action_type").asText());
        assertFalse(vmm.alive());
    }

    @Test
    public void aRefusedRequestFailsTheStartWithTheVmmsAnswerAndLeavesNoProcess() throws Exception {
        api.refuse("/machine-config", "{\"fault_message\": \"mem_size_mib must be at least 128\"}");
        FirecrackerDriver driver = new FirecrackerDriver(binary.toString(), Optional::empty, Duration.ofSeconds(5));
        try {
            start(driver, launch(Optional.of(directory.resolve("initrd.img")), Optional.empty()));
            fail("started although the API refused the machine configuration");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("PUT /machine-config answered 400"));
            assertTrue(e.getMessage(), e.getMessage().contains("mem_size_mib must be at least 128"));
        }
        long pid = Long.parseLong(written(directory.resolve("pid")));
        assertTrue("the fake VMM " + pid + " was killed", ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false
                || zombie(pid));
    }

    @Test
    public void driversWithoutTheirBinaryOrKvmAreUnavailable() {
        assertTrue(new FirecrackerDriver("no-such-firecracker", Optional::empty, Duration.ofSeconds(1))
                .unavailableReason().orElseThrow().startsWith("no firecracker binary"));
        assertEquals("cloud-hypervisor needs KVM: unusable: no /dev/kvm",
                new CloudHypervisorDriver(binary.toString(), () -> Optional.of("unusable: no /dev/kvm"), Duration.ofSeconds(1))
                        .unavailableReason().orElseThrow());
    }

    private VmmProcess start(VmmDriver driver, VmLaunch launch) throws IOException {
        VmmProcess vmm = driver.start(launch);
        started.add(vmm);
        return vmm;
    }

    private VmLaunch launch(Optional<Path> initrd, Optional<Path> rootfs) {
        return new VmLaunch("blixard-test", directory, Path.of("/images/vmlinuz"), initrd, rootfs,
                rootfs.map(root -> directory.resolve("config.img")), "console=ttyS0 rdinit=/init", 2, 256, true,
                Optional.empty());
    }

    private String arguments() throws IOException, InterruptedException {
        return written(binary.resolveSibling("arguments"));
    }

    /** What the fake wrote to a file, once it has (the fake API answers without waiting for the fake binary). */
    private static String written(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) || Files.readString(file).isBlank()) {
            if (System.nanoTime() > deadline) {
                fail("the fake VMM wrote no " + file + " within 10 s");
            }
            Thread.sleep(10);
        }
        return Files.readString(file).trim();
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * A fake VMM API on a Unix socket: answers every request 204 (or 400 with a body for a refused path), and
     * records each as "METHOD path" with its body. Connections that send nothing (the driver's check that the
     * socket is up) are ignored.
     */
    private static final class FakeApi implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Thread thread;
        private final List<String> requests = new ArrayList<>();
        private final List<String> bodies = new ArrayList<>();
        private final Map<String, String> refused = new ConcurrentHashMap<>();

        FakeApi(Path socket) throws IOException {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            thread = new Thread(this::serve, "fake-vmm-api");
            thread.setDaemon(true);
            thread.start();
        }

        void refuse(String path, String body) {
            refused.put(path, body);
        }

        synchronized List<String> requests() {
            return List.copyOf(requests);
        }

        synchronized JsonNode body(String request) throws IOException {
            return JSON.readTree(bodies.get(requests.indexOf(request)));
        }

        synchronized JsonNode lastBody() throws IOException {
            return JSON.readTree(bodies.get(bodies.size() - 1));
        }

        private void serve() {
            while (server.isOpen()) {
                try (SocketChannel connection = server.accept()) {
                    answer(connection);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(SocketChannel connection) throws IOException {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (true) {
                String text = received.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    String head = text.substring(0, headEnd);
                    int length = head.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                            .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
                    if (received.size() >= headEnd + 4 + length) {
                        String[] requestLine = head.lines().findFirst().orElseThrow().split(" ");
                        String body = text.substring(headEnd + 4, headEnd + 4 + length);
                        synchronized (this) {
                            requests.add(requestLine[0] + " " + requestLine[1]);
                            bodies.add(body.isEmpty() ? "{}" : body);
                        }
                        String refusal = refused.get(requestLine[1]);
                        String response = refusal == null ? "HTTP/1.1 204 No Content\r\n\r\n"
                                : "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
                                        + refusal.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + refusal;
                        connection.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
                        return;
                    }
                }
                int read = connection.read(buffer.clear());
                if (read < 0) {
                    return;
                }
                received.write(buffer.array(), 0, read);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
