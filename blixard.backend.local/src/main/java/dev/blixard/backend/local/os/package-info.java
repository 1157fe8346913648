/**
 * The operating-system layer of the {@code local} backend: signals to process groups, the node's own
 * resource limits, host capacity, the CPU and memory used by a process tree, and executable look-up.
 *
 * <p>Private to the bundle (not exported). Linux only, on 64-bit x86 ({@code x86_64}) and ARM
 * ({@code aarch64}): the structure layouts, signal numbers and {@code RLIMIT_*} values used here are the
 * ones those two share (the generic Linux values; MIPS, SPARC and Alpha differ). {@link
 * dev.blixard.backend.local.os.Libc#load()} refuses any other platform rather than guess.
 *
 * <p>What the JDK cannot do goes through JNA, but without JNA's interface proxies and {@code Structure}
 * classes: both register the mapping classes in JNA's static caches in a way that is never cleared,
 * which would pin every old revision of this bundle in memory after an update. {@link
 * dev.blixard.backend.local.os.Libc} calls the functions through {@code com.sun.jna.Function} and
 * decodes the structures from plain native memory at fixed, tested offsets instead. (JNA's cleaner
 * thread also keeps the protection domains of the code that first made it start; Felix's bundle
 * protection domains refer to their revision only weakly, so that holds no revision there.)
 */
package dev.blixard.backend.local.os;
