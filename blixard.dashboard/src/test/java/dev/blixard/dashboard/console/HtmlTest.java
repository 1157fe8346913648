package dev.blixard.dashboard.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** The escaping writer: what it escapes, and the names it refuses. */
public class HtmlTest {

    @Test
    public void escapesHtmlAndTheConsolesOwnSpecialCharacters() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>&</a>"));
        // The console's writer would expand ${...} and drop a backslash before $.
        assertEquals("&#36;{appRoot} &#92;&#36;{x}", Html.escape("${appRoot} \\${x}"));
        assertEquals("plain text, ünïcode", Html.escape("plain text, ünïcode"));
        assertEquals("", Html.escape(null));
    }

    @Test
    public void escapesTextAndAttributeValues() {
        String html = new Html().element("td", "<b>1</b>", "data-worker", "\"><script>", "title", null).toString();
        assertEquals("<td data-worker=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;1&lt;/b&gt;</td>", html);
    }

    @Test
    public void refusesNamesThatAreNotPlainNames() {
        assertThrows(IllegalArgumentException.class, () -> new Html().open("td onclick=x"));
        assertThrows(IllegalArgumentException.class, () -> new Html().open("td", "on\"click", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Html().open("td", "class"));
    }

    @Test
    public void appendsAnotherFragmentAsItIs() {
        Html inner = new Html().element("b", "<1>");
        assertEquals("<p><b>&lt;1&gt;</b></p>", new Html().open("p").append(inner).close("p").toString());
    }
}
