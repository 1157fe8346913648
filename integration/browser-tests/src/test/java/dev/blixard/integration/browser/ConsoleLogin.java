package dev.blixard.integration.browser;

import dev.blixard.testing.BlixardNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.openqa.selenium.WebDriver;

/**
 * Opens Web Console pages in a browser as {@code admin} with the node's admin token (HTTP Basic).
 *
 * <p>How: the credentials go into the first URL, {@code http://admin:TOKEN@127.0.0.1:PORT/system/console/...}.
 * Chromium answers the console's {@code 401 WWW-Authenticate: Basic} with them and keeps them in its HTTP
 * auth cache for that origin and path, so the page's scripts, styles, XHRs, form posts (the bundle upload)
 * and later plain navigations under {@code /system/console/} are authenticated too. Checked with Chromium 156
 * and Selenium 4.52 against the alternatives:
 * <ul>
 * <li>CDP {@code Network.setExtraHTTPHeaders} through {@code ChromeDriver.executeCdpCommand} also works, but
 * it puts the Basic header on every request of the tab, including the dashboard's own
 * {@code Authorization: Bearer} calls to {@code /api}, which the dashboard tests must not see;</li>
 * <li>Selenium's {@code HasAuthentication} with {@code UsernameAndPassword} works too, but needs the devtools
 * module of the exact Chromium major version ({@code selenium-devtools-v156}): the next Debian security update
 * of Chromium breaks it until Selenium is upgraded.</li>
 * </ul>
 * A browser without credentials, or with wrong ones, gets the console's empty 401 page: headless Chromium
 * shows no login prompt that could block the test.
 */
final class ConsoleLogin {

    static final String USER = "admin";

    private ConsoleLogin() {
    }

    /** Opens {@code path} (for example {@code /system/console/bundles}) as {@code admin} with the admin token. */
    static void open(WebDriver driver, BlixardNode node, String path) {
        driver.get(withCredentials(node.url(path), USER, node.adminToken()));
    }

    /** @return {@code url} with {@code user:password@} before its host, both percent-encoded */
    static String withCredentials(String url, String user, String password) {
        URI uri = URI.create(url);
        String userInfo = encode(user) + ":" + encode(password);
        return uri.getScheme() + "://" + userInfo + "@" + uri.getRawAuthority() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /** @return {@code text} with the password of every {@code scheme://user:password@} replaced by {@code ***} */
    static String redact(String text) {
        return text.replaceAll("(://[^/:@\\s]+:)[^/@\\s]*@", "$1***@");
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
