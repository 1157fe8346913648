package dev.blixard.store;

import java.util.Objects;

/**
 * A member of the Raft group.
 *
 * @param id the node id
 * @param address {@code host:port} of its Raft endpoint
 */
public record Member(String id, String address) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("'" + id + "' is not a valid node id (letters, digits, . _ -)");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")
                || Integer.parseInt(address.substring(colon + 1)) > 65535) {
            throw new IllegalArgumentException("'" + address + "' is not host:port");
        }
    }

    /**
     * Parses {@code id=host:port}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Member parse(String text) {
        int equals = text == null ? -1 : text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not id=host:port");
        }
        return new Member(text.substring(0, equals).trim(), text.substring(equals + 1).trim());
    }

    @Override
    public String toString() {
        return id + "=" + address;
    }
}
