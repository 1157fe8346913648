package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;

import java.time.ZoneId;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The readable forms of the documents of stats, cluster and workers. */
public class ViewsTest {

    private static JsonNode json(String text) throws ClientException {
        return Json.parse(text, "test document");
    }

    @Test
    public void statsShowCountsByTypeAndThroughput() throws Exception {
        String counts = "{\"Pending\":1,\"Claimed\":0,\"InProgress\":2,\"Completed\":40,\"Failed\":1,\"Cancelled\":0}";
        assertEquals("total jobs      44\n"
                + "oldest pending  1m 05s\n"
                + "\n"
                + "TYPE  Pending  Claimed  InProgress  Completed  Failed  Cancelled\n"
                + "all   1        0        2           40         1       0\n"
                + "mock  1        0        2           40         1       0\n"
                + "\n"
                + "WINDOW  COMPLETED  FAILED  COMPLETED/S\n"
                + "1m 00s  10         1       0.17\n",
                StatsView.render(json("{\"by_status\":" + counts + ",\"by_worker_type\":{\"mock\":" + counts + "},"
                        + "\"total\":44,\"oldest_pending_age_ms\":65000,\"throughput\":[{\"window_ms\":60000,"
                        + "\"completed\":10,\"failed\":1,\"completed_per_second\":0.1667}]}")));
    }

    @Test
    public void clusterShowsTheLeaderAndMembers() throws Exception {
        assertEquals("node           n1 (LEADER)\n"
                + "leader         n1\n"
                + "term           3\n"
                + "commit index   120\n"
                + "applied index  119\n"
                + "\n"
                + "MEMBER  ADDRESS         LEADER\n"
                + "n1      127.0.0.1:9001  yes\n"
                + "n2      127.0.0.1:9002\n",
                ClusterView.render(json("{\"node_id\":\"n1\",\"role\":\"LEADER\",\"leader_id\":\"n1\",\"term\":3,"
                        + "\"commit_index\":120,\"applied_index\":119,\"members\":[{\"id\":\"n1\",\"address\":"
                        + "\"127.0.0.1:9001\",\"leader\":true},{\"id\":\"n2\",\"address\":\"127.0.0.1:9002\",\"leader\":false}]}")));
    }

    @Test
    public void workersShowTheirLoadInLocalTime() throws Exception {
        assertEquals("WORKER  STATUS  TYPES  CAPACITY  FREE  RUNNING  NODE  LAST HEARTBEAT\n"
                + "w1      Active  any    4         3     1        n1    2025-05-01 12:00:00\n",
                WorkersView.table(json("[{\"worker_id\":\"w1\",\"status\":\"Active\",\"worker_types\":[],\"capacity\":4,"
                        + "\"free_slots\":3,\"running_jobs\":[\"j1\"],\"node_id\":\"n1\","
                        + "\"last_heartbeat_at\":\"2025-05-01T12:00:00Z\"}]"), ZoneId.of("UTC")).render());
    }
}
