package dev.blixard.backend.local.os;

/**
 * The {@code errno} values the calls of {@link Libc} can report, so that errors name the condition
 * ({@code ESRCH}) instead of a bare number. Linux values, the same on x86_64 and aarch64.
 */
public final class Errno {

    /** Operation not permitted (signalling a process of another user, raising a limit). */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process or process group. */
    public static final int ESRCH = 3;
    /** Interrupted by a signal. */
    public static final int EINTR = 4;
    /** Input/output error. */
    public static final int EIO = 5;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address (a buffer the kernel could not write). */
    public static final int EFAULT = 14;
    /** A path component is not a directory. */
    public static final int ENOTDIR = 20;
    /** Invalid argument (unknown signal, resource or {@code sysconf} name). */
    public static final int EINVAL = 22;
    /** File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** Function not implemented. */
    public static final int ENOSYS = 38;
    /** Too many symbolic links. */
    public static final int ELOOP = 40;
    /** A value does not fit its type (a file system too large for the structure). */
    public static final int EOVERFLOW = 75;

    private Errno() {
    }

    /**
     * @return the symbolic name and number, e.g. {@code "ESRCH (errno 3)"}; just the number for values
     *         the calls here are not documented to return
     */
    public static String describe(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case ENOTDIR -> "ENOTDIR";
            case EINVAL -> "EINVAL";
            case ENAMETOOLONG -> "ENAMETOOLONG";
            case ENOSYS -> "ENOSYS";
            case ELOOP -> "ELOOP";
            case EOVERFLOW -> "EOVERFLOW";
            default -> null;
        };
        return name == null ? "errno " + errno : name + " (errno " + errno + ")";
    }
}
