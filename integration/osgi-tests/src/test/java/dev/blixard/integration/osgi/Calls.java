package dev.blixard.integration.osgi;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.MissingNode;

import dev.blixard.integration.osgi.RestClient.Answer;

/** Makes a {@link RestClient} call usable where no checked exception may be thrown, for {@link Poll}. */
final class Calls {

    /** One HTTP call. */
    interface HttpCall {
        Answer send() throws IOException, InterruptedException;
    }

    private Calls() {
    }

    /** @return the call's answer, or status -1 when the exchange failed (the node is not listening yet, say) */
    static Answer quietly(HttpCall call) {
        try {
            return call.send();
        } catch (IOException e) {
            return new Answer(-1, "", MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
