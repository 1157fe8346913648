package dev.blixard.dashboard.console;

import java.time.Instant;
import java.util.List;

/**
 * The content of the console's "Blixard" tab: a summary line, a link to the dashboard and one section per part
 * of the node. The Web Console writes the frame around it (head, navigation, login), so this is a fragment
 * without {@code <html>} or scripts, and every value in it is escaped by {@link Html}.
 */
final class ConsolePage {

    /** The root element's id; scripts and browser tests find the content by it. */
    static final String ROOT_ID = "blixard-console";

    private final ConsoleSources sources;
    private final String dashboardHref;

    /**
     * @param sources the services, taken once for this page
     * @param dashboardHref where the dashboard is, from {@link DashboardLink#href}
     */
    ConsolePage(ConsoleSources sources, String dashboardHref) {
        this.sources = sources;
        this.dashboardHref = dashboardHref;
    }

    /** @return the fragment, as of {@code now} (relative ages are measured from it) */
    String render(Instant now) {
        Html page = new Html();
        page.open("div", "id", ROOT_ID).newline();
        page.open("p", "class", "blixard-intro").text("This node as its services report it, read at ");
        Section.when(page, now, now);
        page.text(". For live job lists and events, open the ")
                .element("a", "Blixard dashboard", "id", "blixard-dashboard-link", "href", dashboardHref)
                .text(".").close("p").newline();
        for (Section section : sections()) {
            section.render(page, now);
        }
        page.close("div").newline();
        return page.toString();
    }

    private List<Section> sections() {
        return List.of(
                new QueueSection(sources.queries()),
                new WorkersSection(sources.workers()),
                new BackendsSection(sources.backends(), sources.plugins()),
                new ClusterSection(sources.cluster()),
                new HealthSection(sources.health()));
    }
}
