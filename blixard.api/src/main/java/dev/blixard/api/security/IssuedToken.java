package dev.blixard.api.security;

import java.util.Objects;

/**
 * A token just created: the only time its secret is known to anyone but its holder.
 *
 * @param info what the node keeps of it
 * @param secret the bearer secret to hand to the holder
 */
public record IssuedToken(TokenInfo info, String secret) {

    public IssuedToken {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        // Records print every component; a secret must not end up in a log line by accident.
        return "IssuedToken[" + info + ", secret=<hidden>]";
    }
}
