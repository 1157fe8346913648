package dev.blixard.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.Test;

public class JitActivityTest {

    @Test
    public void aJvmThatCompiledShowsItsCompilersCpuTime() throws Exception {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long sink = 0;
        // Varied hot code until the JVM itself counts 300 ms in its compilers.
        for (int round = 0; compiler.getTotalCompilationTime() < 300 && System.nanoTime() < deadline; round++) {
            sink += Pattern.compile("[a-z]+" + (round % 7)).matcher("abc" + round).results().count();
            sink += BigInteger.valueOf(round).pow(20).mod(BigInteger.valueOf(97)).longValue();
            sink += Long.toString(round, 36).chars().map(c -> c * 31).sum();
        }
        assertTrue("the JVM compiled for 300 ms (" + sink + ")", compiler.getTotalCompilationTime() >= 300);

        Duration used = JitActivity.compilerCpu(ProcessHandle.current().pid());

        assertTrue("compiler CPU " + used, used.compareTo(Duration.ZERO) > 0);
        assertTrue("compiler CPU " + used + " within the process's own CPU time",
                used.compareTo(ProcessHandle.current().info().totalCpuDuration().orElseThrow()) <= 0);
    }

    @Test
    public void aProcessWithoutCompilersOrOneThatEndedShowsNone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertEquals(Duration.ZERO, JitActivity.compilerCpu(sleeper.pid()));
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
        assertEquals(Duration.ZERO, JitActivity.compilerCpu(sleeper.pid()));
    }
}
