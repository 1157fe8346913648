package dev.blixard.core.security;

import dev.blixard.core.queue.QueueFixture;
import dev.blixard.core.queue.TestClock;
import dev.blixard.store.ReplicatedDatabase;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/** The token service over a real one-member store (the queue's fixture), for one test as a {@code @Rule}. */
final class TokenFixture implements TestRule {
    private final QueueFixture queue = new QueueFixture();
    private TokenServiceComponent tokens;

    @Override
    public Statement apply(Statement test, Description description) {
        return queue.apply(new Statement() {
            @Override
            public void evaluate() throws Throwable {
                tokens = TokenServiceComponent.over(database(), queue.clock);
                test.evaluate();
            }
        }, description);
    }

    TokenServiceComponent tokens() {
        return tokens;
    }

    ReplicatedDatabase database() {
        return queue.queue().context().database().store();
    }

    /** @return the proposer's clock, which the test moves */
    TestClock clock() {
        return queue.clock;
    }
}
