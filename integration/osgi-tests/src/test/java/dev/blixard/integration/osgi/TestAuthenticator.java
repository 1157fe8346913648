package dev.blixard.integration.osgi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A fixed-token {@code dev.blixard.http.auth.Authenticator} for tests. The interface lives in a private
 * package of {@code blixard.http} (only that bundle implements it in production), so the probe cannot
 * import it: the service is a dynamic proxy built in the http bundle's class space, and the callers it
 * returns are made by reflection.
 */
final class TestAuthenticator {

    /**
     * A token's caller.
     *
     * @param role {@code CLIENT}, {@code WORKER} or {@code ADMIN}
     * @param tenant the tenant the token is bound to, or {@code null}
     */
    record Token(String role, String tenant) {
    }

    private static final String AUTH_PACKAGE = "dev.blixard.http.auth.";

    private TestAuthenticator() {
    }

    /** Registers an authenticator that knows exactly {@code tokens}. */
    static ServiceRegistration<?> register(BundleContext context, Bundle http, Map<String, Token> tokens)
            throws ReflectiveOperationException {
        Class<?> authenticator = http.loadClass(AUTH_PACKAGE + "Authenticator");
        Class<?> caller = http.loadClass(AUTH_PACKAGE + "Caller");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum> role = (Class<Enum>) http.loadClass(AUTH_PACKAGE + "Role");
        Constructor<?> newCaller = caller.getConstructor(String.class, role, String.class);
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "authenticate":
                    Token token = tokens.get((String) args[0]);
                    return token == null ? Optional.empty()
                            : Optional.of(newCaller.newInstance("test-" + token.role().toLowerCase(),
                                    Enum.valueOf(role, token.role()), token.tenant()));
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "TestAuthenticator" + tokens.keySet();
            }
        };
        Object service = Proxy.newProxyInstance(authenticator.getClassLoader(), new Class<?>[] {authenticator}, handler);
        return context.registerService(authenticator.getName(), service, null);
    }
}
