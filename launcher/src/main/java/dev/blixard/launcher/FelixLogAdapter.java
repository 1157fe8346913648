package dev.blixard.launcher;

import org.apache.felix.framework.Logger;

/**
 * Felix's framework log (framework property {@code felix.log.logger}, which must be a Felix {@link Logger}),
 * sent to the {@link NodeLog} instead of Felix's default, plain stdout. Felix filters by {@code felix.log.level}
 * before it calls this.
 */
final class FelixLogAdapter extends Logger {

    private final NodeLog log;

    FelixLogAdapter(NodeLog log) {
        this.log = log;
    }

    @Override
    protected void doLog(int level, String message, Throwable throwable) {
        log.log(NodeLog.FRAMEWORK_LOGGER, NodeLog.Level.ofFelix(level), message, throwable);
    }
}
