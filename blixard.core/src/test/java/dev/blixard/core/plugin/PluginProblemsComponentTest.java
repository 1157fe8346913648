package dev.blixard.core.plugin;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PluginProblemsComponentTest {

    @Test
    public void theRootCauseOfAnActivationFailureIsItsLastCause() {
        String failure = "java.lang.reflect.InvocationTargetException\n"
                + "\tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)\n"
                + "Caused by: java.lang.RuntimeException: wrapper\n\tat x.Y.z(Y.java:1)\n"
                + "Caused by: java.lang.IllegalStateException: the resource file is missing\n\tat a.B.c(B.java:2)\n";
        assertEquals("java.lang.IllegalStateException: the resource file is missing",
                PluginProblemsComponent.rootCause(failure));
    }

    @Test
    public void aFailureWithoutCausesIsItsFirstLineAndNoFailureSaysSo() {
        assertEquals("java.lang.IllegalStateException: boom",
                PluginProblemsComponent.rootCause("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:2)\n"));
        assertEquals("no reason given", PluginProblemsComponent.rootCause(null));
        assertEquals("no reason given", PluginProblemsComponent.rootCause(" "));
    }
}
