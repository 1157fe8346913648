package dev.blixard.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds an instance of a configuration annotation the way Declarative Services does: every attribute
 * takes its declared default unless the map overrides it.
 */
public final class ConfigProxy {

    private ConfigProxy() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> valueOf(type, method, overrides)));
    }

    private static Object valueOf(Class<?> type, Method method, Map<String, Object> overrides) {
        switch (method.getName()) {
            case "annotationType":
                return type;
            case "toString":
                return type.getSimpleName() + overrides;
            case "hashCode":
                return overrides.hashCode();
            default:
                return overrides.getOrDefault(method.getName(), method.getDefaultValue());
        }
    }
}
