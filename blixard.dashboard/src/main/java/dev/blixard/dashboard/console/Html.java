package dev.blixard.dashboard.console;

import java.util.regex.Pattern;

/**
 * Builds a fragment of HTML in which every piece of text and every attribute value is escaped. Element and
 * attribute names come from this package's code only, and are checked, so a value can never become markup.
 *
 * <p>Besides the five HTML-special characters it escapes {@code $} and {@code \}: the Web Console passes a
 * plugin's output through a writer that replaces {@code ${key}} with variables or translations and drops a
 * backslash before {@code $}. An unclosed {@code ${} in a worker id would otherwise swallow the rest of the page.
 * As character references they reach the browser unchanged and the console's writer never sees them.
 *
 * <p>Not thread-safe: one instance per rendering.
 */
final class Html {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final StringBuilder out = new StringBuilder(4096);

    /** @return {@code text} with every character that means something to HTML or to the console replaced */
    static String escape(CharSequence text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '$' -> escaped.append("&#36;");
                case '\\' -> escaped.append("&#92;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Opens an element.
     *
     * @param attributes name, value, name, value...; a {@code null} value leaves the attribute out
     */
    Html open(String tag, String... attributes) {
        out.append('<').append(name(tag));
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs, got " + attributes.length);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(name(attributes[i])).append("=\"").append(escape(attributes[i + 1]))
                        .append('"');
            }
        }
        out.append('>');
        return this;
    }

    /** Closes an element opened with {@link #open}. */
    Html close(String tag) {
        out.append("</").append(name(tag)).append('>');
        return this;
    }

    /** An element holding only text. */
    Html element(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Text, escaped; {@code null} writes nothing. */
    Html text(Object text) {
        if (text != null) {
            out.append(escape(text.toString()));
        }
        return this;
    }

    /** Appends a fragment built, and so escaped, by another instance. */
    Html append(Html fragment) {
        out.append(fragment.out);
        return this;
    }

    /** A line break in the source, so that the page reads well with "view source". */
    Html newline() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an element or attribute name this writer allows: " + name);
        }
        return name;
    }
}
