package dev.blixard.core.agent;

import dev.blixard.testing.ConfigProxy;
import dev.blixard.backend.mock.MockBackendConfig;
import dev.blixard.backend.mock.MockExecutionBackend;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/**
 * Creates and stops the real mock backend outside OSGi, through its public DS constructor; its
 * deactivation is package-private in its own bundle, so it is reached by reflection as the framework does.
 */
final class MockBackends {

    private MockBackends() {
    }

    /** @param config overrides of {@link MockBackendConfig}; latency is zero unless given */
    static MockExecutionBackend start(Map<String, Object> config) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("latency_min_ms", 0L, "latency_max_ms", 0L));
        settings.putAll(config);
        return new MockExecutionBackend(ConfigProxy.of(MockBackendConfig.class, settings), bundleContext());
    }

    static void stop(MockExecutionBackend backend) {
        try {
            Method deactivate = MockExecutionBackend.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(backend);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot stop the mock backend", e);
        }
    }

    private static BundleContext bundleContext() {
        Bundle bundle = proxy(Bundle.class, Map.of("getVersion", Version.parseVersion("0.1.0.test")));
        return proxy(BundleContext.class, Map.of("getBundle", bundle));
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        }));
    }
}
