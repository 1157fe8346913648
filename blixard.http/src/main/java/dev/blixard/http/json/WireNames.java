package dev.blixard.http.json;

import java.util.Locale;

/**
 * Enum constants as the wire spells them: {@code IN_PROGRESS} is {@code InProgress}, as job statuses
 * appear in the API contract, and every other enum follows the same style.
 */
public final class WireNames {

    private WireNames() {
    }

    /** @return the constant's name in upper camel case */
    public static String of(Enum<?> constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.name().split("_")) {
            if (!word.isEmpty()) {
                name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return name.toString();
    }

    /** @return the constant of {@code type} whose wire name or constant name is {@code text}, ignoring case */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equalsIgnoreCase(text) || constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        return null;
    }
}
