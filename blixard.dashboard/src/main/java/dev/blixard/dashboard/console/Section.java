package dev.blixard.dashboard.console;

import dev.blixard.api.HealthState;
import dev.blixard.api.UnavailableException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code <section>} of the console page, and the rule every section follows: what a service cannot tell is
 * said in a sentence inside the section, never as an error page. A section renders into a buffer of its own,
 * so a failure halfway through a table leaves no half-written table behind.
 */
abstract class Section {

    private static final Logger LOG = LoggerFactory.getLogger(Section.class);

    private final String id;
    private final String title;
    private final String subject;

    /**
     * @param id the element id, for example {@code blixard-queue}
     * @param title the heading
     * @param subject what the section shows, to begin a sentence: {@code The job queue}
     */
    Section(String id, String title, String subject) {
        this.id = id;
        this.title = title;
        this.subject = subject;
    }

    /** Writes the whole section to {@code page}. Never throws for what a service does. */
    final void render(Html page, Instant now) {
        Html body = new Html();
        try {
            body(body, now);
        } catch (UnavailableException e) {
            // Expected while the store has no leader: a sentence, and the log without a stack trace.
            LOG.info("Blixard console, section {}: {} is unavailable: {}", id, subject, e.getMessage());
            body = new Html();
            unavailable(body, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a service from a bundle being updated can fail to load a class it needs.
            LOG.warn("Blixard console, section {}: reading {} failed", id, subject.toLowerCase(Locale.ROOT), e);
            body = new Html();
            body.element("p", subject + " could not be read: " + sentence(describe(e))
                    + " The node's log has the details.", "class", "statline blixard-error");
        }
        page.open("section", "id", id, "class", "blixard-section").newline();
        page.element("h2", title, "class", "ui-widget-header ui-corner-top blixard-heading").newline();
        page.append(body).close("section").newline();
    }

    /** Writes the section's content; may throw, see {@link #render}. */
    protected abstract void body(Html out, Instant now);

    /** The sentence for a service that is absent or answers that it cannot serve now. */
    protected final void unavailable(Html out, String reason) {
        out.element("p", subject + " is not available on this node right now: " + sentence(reason),
                "class", "statline blixard-unavailable").newline();
    }

    /** A sentence, styled like the console's own status lines. */
    protected static void statline(Html out, String text) {
        out.element("p", text, "class", "statline").newline();
    }

    /** A sub-heading inside the section. */
    protected static void subheading(Html out, String text) {
        out.element("h3", text, "class", "blixard-subheading").newline();
    }

    /** Opens a table in the console's style, with a header row; the caller writes the body and closes it. */
    protected static void openTable(Html out, String id, String... headings) {
        out.open("table", "id", id, "class", "tablesorter nicetable").open("thead").open("tr");
        for (String heading : headings) {
            out.element("th", heading);
        }
        out.close("tr").close("thead").newline().open("tbody").newline();
    }

    /** Opens a two-column table of facts (label, value), not sortable; the caller writes rows and closes it. */
    protected static void openFacts(Html out, String id) {
        out.open("table", "id", id, "class", "nicetable blixard-facts").open("tbody").newline();
    }

    /** Closes a table opened with {@link #openTable} or {@link #openFacts}. */
    protected static void closeTable(Html out) {
        out.close("tbody").close("table").newline();
    }

    /** A right-aligned number cell. */
    protected static void number(Html out, long value) {
        out.element("td", value, "class", "blixard-number");
    }

    /** A timestamp and how long ago it was: {@code 2026-01-31T12:00:05Z (12 s ago)}. */
    protected static void when(Html out, Instant at, Instant now) {
        if (at == null) {
            out.text("never");
            return;
        }
        out.element("time", TimeText.timestamp(at), "datetime", at.truncatedTo(ChronoUnit.MILLIS).toString());
        out.text(" ").element("span", "(" + TimeText.relative(at, now) + ")", "class", "blixard-age");
    }

    /** A health state as a coloured word. */
    protected static void state(Html out, HealthState state) {
        badge(out, state, state);
    }

    /** A word in the colour of a health state: green, amber or red. */
    protected static void badge(Html out, Object word, HealthState colour) {
        out.element("span", word, "class", "blixard-state blixard-" + colour.name().toLowerCase(Locale.ROOT));
    }

    /** @return {@code text} ending with a full stop, unless it already ends a sentence */
    protected static String sentence(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() || trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?")
                ? trimmed : trimmed + ".";
    }

    /** @return the exception's kind and message, for a sentence: {@code IllegalStateException: disk full} */
    protected static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }
}
