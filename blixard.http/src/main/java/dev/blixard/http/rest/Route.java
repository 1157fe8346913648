package dev.blixard.http.rest;

import dev.blixard.api.security.Role;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint: method, path template under {@code /api} (segments like {@code {id}} capture), who may call
 * it besides admins, what body it takes, and its handler.
 *
 * @param method the HTTP method
 * @param template the path under {@code /api}, for example {@code /jobs/{id}/cancel}
 * @param roles the roles allowed besides {@link Role#ADMIN}, who may call everything
 * @param body what the route expects of the request body
 * @param handler what answers it
 */
public record Route(String method, String template, Set<Role> roles, BodyRule body, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String template, Handler handler, Role... roles) {
        return new Route("GET", template, Set.of(roles), BodyRule.NONE, handler);
    }

    public static Route post(String template, BodyRule body, Handler handler, Role... roles) {
        return new Route("POST", template, Set.of(roles), body, handler);
    }

    public static Route delete(String template, Handler handler, Role... roles) {
        return new Route("DELETE", template, Set.of(roles), BodyRule.NONE, handler);
    }

    /** @return the template's segments, without the leading empty one */
    List<String> segments() {
        return List.of(template.substring(1).split("/"));
    }
}
