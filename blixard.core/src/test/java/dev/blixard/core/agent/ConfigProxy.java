package dev.blixard.core.agent;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds an instance of a configuration annotation as Declarative Services does: every attribute takes
 * its declared default unless the map overrides it.
 */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if ("annotationType".equals(method.getName())) {
                return type;
            }
            if ("toString".equals(method.getName()) || "hashCode".equals(method.getName())) {
                return "toString".equals(method.getName()) ? type.getSimpleName() + overrides : overrides.hashCode();
            }
            return overrides.getOrDefault(method.getName(), method.getDefaultValue());
        }));
    }
}
