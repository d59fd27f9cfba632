package dev.cpcstream.streams.eval;

import dev.cpcstream.model.Presets;
import dev.cpcstream.streams.source.Recording;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensorCorpusTest {

    @TempDir
    Path dir;

    @Test
    void everySubjectDoesEveryActivityAndTheLastQuarterOfSubjectsAreTest() throws IOException {
        SensorCorpus.write(dir, 4, 5, 1);
        LabelTable labels = LabelsFile.read(dir.resolve("labels.csv"));
        assertEquals(List.of("activity", "subject"), labels.columns());
        assertEquals(4 * SensorCorpus.ACTIVITIES.size(), labels.rows().size());
        labels.rows().forEach((file, row) -> assertEquals(row.labels().get("subject").equals("p04") ? Split.TEST
                : Split.TRAIN, row.split(), file));
    }

    @Test
    void theLogsAreWhatTheSensorPresetReadsAndActivitiesMoveDifferently() throws IOException {
        SensorCorpus.write(dir, 2, 10, 2);
        List<Recording> logs = SourceSpec.parse("csv:" + dir.resolve(SensorCorpus.LOGS))
                .recordings(SourceFormat.of(Presets.get("sensor")));
        assertEquals(2 * SensorCorpus.ACTIVITIES.size(), logs.size());
        Map<String, Recording> byFile = logs.stream()
                .collect(Collectors.toMap(Recording::sourceId, Function.identity()));
        Recording running = byFile.get("running_p01.csv");
        assertEquals(6, running.channels());
        assertEquals(10 * SensorCorpus.SAMPLE_RATE, running.steps());
        assertTrue(motion(running) > 10 * motion(byFile.get("sitting_p01.csv")));
    }

    @Test
    void theSameSeedWritesTheSameFiles() throws IOException {
        SensorCorpus.write(dir.resolve("a"), 2, 2, 3);
        SensorCorpus.write(dir.resolve("b"), 2, 2, 3);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/logs/stairs_p02.csv")),
                Files.readAllBytes(dir.resolve("b/logs/stairs_p02.csv")));
    }

    /** Standard deviation of the gyroscope's first axis. */
    private static double motion(Recording log) {
        double[][] gx = new double[log.steps()][1];
        for (int t = 0; t < log.steps(); t++) {
            gx[t][0] = log.samples()[t * log.channels() + 3];
        }
        return FrameStatistics.meanAndStd(gx)[1];
    }
}
