package dev.blixard.launcher;

import java.io.PrintStream;
import java.time.Duration;

/** The lines a node prints once it is up: what runs, where its state is, and where to reach it. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, String version, String nodeId, DataDirectory dir, HttpEndpoint http,
            AdminToken token, Duration startupTime) {
        String url = http.baseUrl();
        out.printf("Blixard %s started in %.1f s%n", version, startupTime.toMillis() / 1000.0);
        out.println("  node id      " + nodeId);
        out.println("  data dir     " + dir.root());
        out.println("  dashboard    " + url + "/");
        out.println("  API          " + url + "/api");
        out.println("  console      " + url + "/system/console  (user admin, password: the admin token)");
        out.println("  admin token  " + token.file());
        out.flush();
    }
}
