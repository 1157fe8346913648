package dev.blixard.core.agent;

import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.WorkerService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every worker type of one agent shares: settings, identity, the services it reports to, and the
 * threads it reports and times with.
 */
record AgentContext(AgentSettings settings, String nodeId, JobCommandService jobs, WorkerService workers,
        Reporter reporter, ScheduledExecutorService scheduler, ResultJson json, JobReports reports) {
}
