package dev.blixard.backend.local.os;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The few C library calls the JDK does not offer: {@code kill}, {@code getrlimit}, {@code sysinfo},
 * {@code statvfs} and {@code sysconf}.
 *
 * <p>Obtain one with {@link #load()} when a component activates and keep it in the component; there is
 * no static instance, so nothing here outlives the bundle revision that loaded it. The calls go through
 * {@link Function} on the process's own symbol table, and the structures are decoded from {@link Memory}
 * by {@link Rlimit}, {@link Sysinfo} and {@link Statvfs}. A JNA interface mapping or {@code Structure}
 * subclasses would be shorter, but JNA caches those classes in static weak maps whose values point back
 * at their keys, so an updated bundle's old class loader would never be collected ({@code
 * LibcClassLoaderLeakTest} checks this class does not).
 *
 * <p>Thread-safe: the {@code errno} of a failed call is read through {@link Native#getLastError()}, which
 * JNA saves per thread right after each call.
 */
public final class Libc {

    /** {@code sysconf} name of the clock ticks per second used by {@code /proc/<pid>/stat} times. */
    public static final int SC_CLK_TCK = 2;
    /** {@code sysconf} name of the number of processors currently online. */
    public static final int SC_NPROCESSORS_ONLN = 84;

    private final Function kill;
    private final Function getrlimit;
    private final Function sysinfo;
    private final Function statvfs;
    private final Function sysconf;

    private Libc(NativeLibrary process) {
        this.kill = process.getFunction("kill");
        this.getrlimit = process.getFunction("getrlimit");
        this.sysinfo = process.getFunction("sysinfo");
        this.statvfs = process.getFunction("statvfs");
        this.sysconf = process.getFunction("sysconf");
    }

    /**
     * Binds the calls in the C library the JVM already uses (the process's own symbols: no library file
     * is opened, so it is the same libc whatever is installed).
     *
     * @throws IllegalStateException on a platform whose layouts this package does not know (anything but
     *         64-bit Linux on x86_64 or aarch64), or when JNA's native part cannot be loaded
     */
    public static Libc load() {
        try {
            if (!Platform.isLinux() || Native.LONG_SIZE != 8
                    || !("x86-64".equals(Platform.ARCH) || "aarch64".equals(Platform.ARCH))) {
                throw new IllegalStateException("the local backend's system calls support 64-bit Linux on x86_64"
                        + " or aarch64 only, not " + System.getProperty("os.name") + " on " + Platform.ARCH);
            }
            return new Libc(NativeLibrary.getProcess());
        } catch (LinkageError e) {
            // JNA unpacks and loads libjnidispatch on first use; a noexec temp directory or a missing
            // architecture shows up here, and the backend should report it rather than die with an Error.
            throw new IllegalStateException("JNA could not load its native library: " + e, e);
        }
    }

    /**
     * {@code kill(pid, sig)}: a positive {@code pid} is one process, a negative one the process group
     * {@code -pid}. Callers must never pass 0 or -1 (the caller's own group, every process).
     *
     * @return 0 when the signal was sent, otherwise the {@code errno} ({@link Errno#ESRCH} when no such
     *         process or group exists, {@link Errno#EPERM} when not allowed)
     */
    public int kill(int pid, int sig) {
        if (pid == 0 || pid == -1) {
            throw new IllegalArgumentException("kill(" + pid + ") would signal more than one job's processes");
        }
        return kill.invokeInt(new Object[] {pid, sig}) == 0 ? 0 : Native.getLastError();
    }

    /**
     * {@code getrlimit(resource)} of this process.
     *
     * @throws IllegalStateException when the kernel refuses (an unknown resource: a programming error)
     */
    public Rlimit getrlimit(int resource) {
        try (Memory buffer = new Memory(Rlimit.SIZE)) {
            check(getrlimit.invokeInt(new Object[] {resource, buffer}), "getrlimit(" + resource + ")");
            return Rlimit.read(buffer);
        }
    }

    /**
     * {@code sysinfo()}: memory, swap, load averages and uptime of the host (of the kernel; a container's
     * memory limit is not reflected).
     *
     * @throws IllegalStateException when the call fails (it can only fail for a bad buffer)
     */
    public Sysinfo sysinfo() {
        try (Memory buffer = new Memory(Sysinfo.SIZE)) {
            check(sysinfo.invokeInt(new Object[] {buffer}), "sysinfo");
            return Sysinfo.read(buffer);
        }
    }

    /**
     * {@code statvfs(path)}: the file system holding {@code path}.
     *
     * @throws IOException naming the {@code errno} when the path cannot be examined (missing, no access)
     */
    public Statvfs statvfs(Path path) throws IOException {
        byte[] name = path.toString().getBytes(fileNameCharset());
        try (Memory cPath = new Memory(name.length + 1L); Memory buffer = new Memory(Statvfs.SIZE)) {
            cPath.write(0, name, 0, name.length);
            cPath.setByte(name.length, (byte) 0);
            if (statvfs.invokeInt(new Object[] {cPath, buffer}) != 0) {
                throw new IOException("statvfs(" + path + ") failed: " + Errno.describe(Native.getLastError()));
            }
            return Statvfs.read(buffer);
        }
    }

    /**
     * {@code sysconf(name)}, for {@link #SC_CLK_TCK} and {@link #SC_NPROCESSORS_ONLN}.
     *
     * @throws IllegalStateException when the value is unknown or indeterminate (-1)
     */
    public long sysconf(int name) {
        long value = sysconf.invokeLong(new Object[] {name});
        if (value == -1) {
            // -1 is either EINVAL or "indeterminate" with errno untouched, so a saved errno could be stale:
            // it is not reported. Neither case happens on Linux for the two names used here.
            throw new IllegalStateException("sysconf(" + name + ") has no value");
        }
        return value;
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new IllegalStateException(call + " failed: " + Errno.describe(Native.getLastError()));
        }
    }

    /**
     * The charset the JDK itself uses for file names ({@code sun.jnu.encoding}), so that a path reaches
     * {@code statvfs} as the same bytes {@link java.nio.file.Files} would use for it.
     */
    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
