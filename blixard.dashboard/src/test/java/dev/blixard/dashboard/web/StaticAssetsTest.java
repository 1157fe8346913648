package dev.blixard.dashboard.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class StaticAssetsTest {

    private static final Set<String> SHIPPED = Set.of("dashboard/index.html", "dashboard/js/app.js",
            "dashboard/css/dashboard.css", "dashboard/icon.svg", "dashboard/notes.txt");

    private final List<String> lookedUp = new ArrayList<>();
    private final StaticAssets assets = new StaticAssets(path -> {
        lookedUp.add(path);
        return SHIPPED.contains(path) ? url(path) : null;
    });

    @Test
    public void theRootAndIndexAreThePage() {
        assertEquals("index.html", assets.find("/").orElseThrow().path());
        assertEquals("index.html", assets.find("").orElseThrow().path());
        assertEquals("text/html;charset=utf-8", assets.find("/index.html").orElseThrow().mediaType());
    }

    @Test
    public void scriptsStylesAndImagesHaveTheirMediaTypes() {
        assertEquals("text/javascript;charset=utf-8", assets.find("/js/app.js").orElseThrow().mediaType());
        assertEquals("text/css;charset=utf-8", assets.find("/css/dashboard.css").orElseThrow().mediaType());
        assertEquals("image/svg+xml", assets.find("/icon.svg").orElseThrow().mediaType());
    }

    @Test
    public void pathsThatTryToLeaveTheFolderAreNeverLookedUp() {
        for (String path : List.of("/../bnd.bnd", "/js/../../OSGI-INF/x.xml", "/./index.html", "//index.html",
                "/js//app.js", "/%2e%2e/index.html", "/js\\app.js", "/js/")) {
            assertFalse(path, assets.find(path).isPresent());
        }
        assertTrue("looked up: " + lookedUp, lookedUp.isEmpty());
    }

    @Test
    public void unknownFilesAndTypesAreNotFound() {
        assertFalse(assets.find("/js/missing.js").isPresent());
        assertFalse("a shipped file of a type the dashboard does not serve", assets.find("/notes.txt").isPresent());
        assertFalse(assets.find("/Makefile").isPresent());
    }

    private static URL url(String path) {
        try {
            return new URL("file:/bundle/" + path);
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }
}
