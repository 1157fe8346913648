package dev.blixard.backend.local.os;

import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import org.junit.Test;

/**
 * The os classes, loaded by a class loader of their own as a bundle revision's are and used through
 * {@link Libc}, leave nothing in JNA that keeps that loader alive once it is dropped (a bundle update must
 * not pin the old revision).
 */
public class LibcClassLoaderLeakTest {

    @Test
    public void aDroppedLoaderOfTheOsClassesIsCollected() throws Exception {
        // JNA already in use from the test's own loader, as an earlier revision of the bundle would leave it.
        Libc.load().sysinfo();
        WeakReference<ClassLoader> loader = useTheOsClassesFromALoaderOfTheirOwn();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (loader.get() != null) {
            if (System.nanoTime() > deadline) {
                fail("the class loader of the os classes is still reachable 10 s after it was dropped");
            }
            System.gc();
            Thread.sleep(20);
        }
    }

    /** Makes every kind of call; only a weak reference to the loader survives this method. */
    private static WeakReference<ClassLoader> useTheOsClassesFromALoaderOfTheirOwn() throws Exception {
        OsClassLoader loader = new OsClassLoader(LibcClassLoaderLeakTest.class.getClassLoader());
        Class<?> libcClass = loader.loadClass(Libc.class.getName());
        assertSame(loader, libcClass.getClassLoader());
        assertNotSame(Libc.class, libcClass);

        Object libc = libcClass.getMethod("load").invoke(null);
        libcClass.getMethod("sysinfo").invoke(libc);
        libcClass.getMethod("statvfs", Path.class).invoke(libc, Path.of("/"));
        libcClass.getMethod("getrlimit", int.class).invoke(libc, ResourceLimit.NOFILE.resource());
        libcClass.getMethod("sysconf", int.class).invoke(libc, Libc.SC_CLK_TCK);
        libcClass.getMethod("kill", int.class, int.class).invoke(libc, (int) ProcessHandle.current().pid(), 0);
        Class<?> usageClass = loader.loadClass(ProcessTreeUsage.class.getName());
        Object usage = usageClass.getConstructor(libcClass).newInstance(libc);
        usageClass.getMethod("sample", long.class).invoke(usage, ProcessHandle.current().pid());
        return new WeakReference<>(loader);
    }

    /**
     * Defines the classes of the os package itself, from the test's class path, and leaves all others to its
     * parent, like a bundle's loader importing JNA. Like Felix's, its protection domain does not refer back to
     * it (a {@link java.net.URLClassLoader}'s would, and JNA's cleaner thread can hold a protection domain).
     */
    private static final class OsClassLoader extends ClassLoader {

        private static final String PACKAGE = Libc.class.getPackageName() + ".";

        private final ProtectionDomain domain = new ProtectionDomain(Libc.class.getProtectionDomain().getCodeSource(), null);

        OsClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes;
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    loaded = defineClass(name, bytes, 0, bytes.length, domain);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
