package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard is well-formed for Grafana and wired to the datasource that is provisioned beside it. */
class GrafanaProvisioningTest {

    private static final int GRID_WIDTH = 24;

    @Test
    void rowsAreTheFiveQuestionsInOrder() throws Exception {
        List<String> rows = new ArrayList<>();
        for (JsonNode panel : MonitoringFiles.dashboard().path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                rows.add(panel.path("title").asText());
            }
        }

        assertEquals(List.of("Learning", "Representation health", "Flow and lag", "Kafka Streams", "Resources"), rows);
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasource() throws Exception {
        Matcher uid = Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)\\s*$")
                .matcher(Files.readString(MonitoringFiles.DATASOURCES));
        assertTrue(uid.find(), "the provisioned datasource has a fixed uid");

        for (JsonNode datasource : MonitoringFiles.dashboard().findValues("datasource")) {
            if (datasource.path("type").asText().equals("prometheus")) {
                assertEquals(uid.group(1), datasource.path("uid").asText());
            }
        }
    }

    @Test
    void panelsHaveUniqueIdsAndFitTheGrid() throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : MonitoringFiles.dashboard().path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate id of panel " + title);
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= GRID_WIDTH, "panel " + title + " overflows");
            if (!panel.path("type").asText().equals("row")) {
                assertTrue(panel.path("targets").size() > 0, "panel " + title + " has no query");
                assertTrue(!panel.path("description").asText().isBlank(), "panel " + title + " explains itself");
            }
        }
    }
}
