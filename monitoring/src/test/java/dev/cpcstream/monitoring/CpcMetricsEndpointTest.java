package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cpcstream.schemas.DeadLetterReason;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feeds the real CpcMetrics as the streams side does and reads the values back from the real /metrics endpoint. */
class CpcMetricsEndpointTest {

    private final MonitoredApp app;

    CpcMetricsEndpointTest() throws Exception {
        app = new MonitoredApp();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void gaugesShowTheLastTrainStepAndCountersCountEveryStep() throws Exception {
        app.metrics.trainStep(TrainResults.step(true, 4.2, 7, 0.5, 0.25, 0.125), TimeUnit.MILLISECONDS.toNanos(30));
        app.metrics.trainStep(TrainResults.step(false, Double.NaN, 8, 0.75, 0.5, 0.25),
                TimeUnit.MILLISECONDS.toNanos(50));
        app.metrics.trainStep(TrainResults.step(true, 3.5, 9, 0.625, 0.375, 0.25), TimeUnit.MILLISECONDS.toNanos(20));
        app.metrics.learningRate(2e-4);

        PrometheusText scrape = app.scrape();

        assertEquals(3.5, scrape.value("cpc_loss"));
        assertEquals(Math.log(128), scrape.value("cpc_loss_chance"), 1e-12);
        assertEquals((0.625 + 0.375 + 0.25) / 3, scrape.value("cpc_accuracy"), 1e-12);
        assertEquals(0.625, scrape.value("cpc_accuracy_per_step", "k", "1"));
        assertEquals(0.375, scrape.value("cpc_accuracy_per_step", "k", "2"));
        assertEquals(0.25, scrape.value("cpc_accuracy_per_step", "k", "3"));
        assertEquals(10.5, scrape.value("cpc_grad_norm"));
        assertEquals(0.25, scrape.value("cpc_alignment"));
        assertEquals(-2.5, scrape.value("cpc_uniformity"));
        assertEquals(9, scrape.value("cpc_model_step"));
        assertEquals(1009, scrape.value("cpc_model_version"));
        assertEquals(309, scrape.value("cpc_queue_fill_keys"));
        assertEquals(49, scrape.value("cpc_queue_oldest_key_age_steps"));
        assertEquals(2e-4, scrape.value("cpc_learning_rate"));
        assertEquals(2, scrape.value("cpc_train_steps_total"));
        assertEquals(1, scrape.value("cpc_train_steps_skipped_total"));
        assertEquals(3, scrape.value("cpc_train_step_seconds_count"));
        assertEquals(0.1, scrape.value("cpc_train_step_seconds_sum"), 1e-9);
        assertEquals(0.05, scrape.value("cpc_train_step_seconds_max"), 1e-9);
        assertEquals(3, scrape.value("cpc_train_step_seconds_bucket", "le", "+Inf"));
    }

    @Test
    void aFollowerShowsTheWeightsItEmbedsWithAndHowFarTheyAreBehind() throws Exception {
        app.metrics.weightsInUse(40);
        app.metrics.snapshotSeen(40);
        app.metrics.snapshotSeen(50);

        PrometheusText scrape = app.scrape();

        assertEquals(40, scrape.value("cpc_model_version_in_use"));
        assertEquals(10, scrape.value("cpc_model_version_lag"));
    }

    @Test
    void eachLearnerShowsTheSourcesItCarriesAStateFor() throws Exception {
        app.metrics.sourcesCarried(false, 1_200);
        app.metrics.sourcesCarried(true, 300);

        PrometheusText scrape = app.scrape();

        assertEquals(1_200, scrape.value("cpc_sources_carried", "learner", "embedding"));
        assertEquals(300, scrape.value("cpc_sources_carried", "learner", "trainer"));
    }

    @Test
    void aSkippedStepShowsItsNonFiniteLoss() throws Exception {
        app.metrics.trainStep(TrainResults.step(false, Double.POSITIVE_INFINITY, 1, 0.0), 1);

        PrometheusText scrape = app.scrape();

        assertEquals(Double.POSITIVE_INFINITY, scrape.value("cpc_loss"));
        assertEquals(1, scrape.value("cpc_train_steps_skipped_total"));
        assertEquals(0, scrape.value("cpc_train_steps_total"));
    }

    @Test
    void everyDeadLetterReasonIsExportedAtZeroBeforeTheFirstDeadLetter() throws Exception {
        PrometheusText scrape = app.scrape();

        for (DeadLetterReason reason : DeadLetterReason.values()) {
            assertEquals(0, scrape.value("cpc_dead_letters_total", "reason", reason.name()), reason.name());
        }
    }

    @Test
    void flowCountersAndLatencies() throws Exception {
        app.metrics.framesIn(100);
        app.metrics.framesIn(28);
        for (int i = 0; i < 3; i++) {
            app.metrics.window();
        }
        app.metrics.embeddingOut(250);
        app.metrics.embeddingOut(1750);
        app.metrics.embeddingOut(-40);
        app.metrics.deadLetter(DeadLetterReason.BAD_LENGTH);
        app.metrics.deadLetter(DeadLetterReason.BAD_LENGTH);
        app.metrics.deadLetter(DeadLetterReason.UNDECODABLE);
        app.metrics.duplicate();
        app.metrics.gap();
        app.metrics.gap();
        app.metrics.reordered();
        app.metrics.inference(4, TimeUnit.MILLISECONDS.toNanos(12));

        PrometheusText scrape = app.scrape();

        assertEquals(128, scrape.value("cpc_frames_in_total"));
        assertEquals(3, scrape.value("cpc_windows_total"));
        assertEquals(3, scrape.value("cpc_embeddings_out_total"));
        assertEquals(2, scrape.value("cpc_dead_letters_total", "reason", "BAD_LENGTH"));
        assertEquals(1, scrape.value("cpc_dead_letters_total", "reason", "UNDECODABLE"));
        assertEquals(1, scrape.value("cpc_frame_duplicates_total"));
        assertEquals(2, scrape.value("cpc_frame_gaps_total"));
        assertEquals(1, scrape.value("cpc_frames_reordered_total"));
        assertEquals(4, scrape.value("cpc_inference_windows_total"));
        assertEquals(1, scrape.value("cpc_inference_seconds_count"));
        assertEquals(0.012, scrape.value("cpc_inference_seconds_sum"), 1e-9);
        // a negative lag (producer clock ahead) counts as no lag, not as a dropped sample
        assertEquals(3, scrape.value("cpc_event_lag_seconds_count"));
        assertEquals(2.0, scrape.value("cpc_event_lag_seconds_sum"), 1e-9);
        assertEquals(1.75, scrape.value("cpc_event_lag_seconds_max"), 1e-9);
        assertEquals(3, scrape.value("cpc_event_lag_seconds_bucket", "le", "+Inf"));
        assertTrue(scrape.samples().stream().filter(s -> s.name().equals("cpc_event_lag_seconds_bucket")).count() > 10,
                "enough histogram buckets for histogram_quantile");
    }

    @Test
    void representationHealthOfCollapsedThenSpreadEmbeddings() throws Exception {
        float[][] collapsed = new float[64][16];
        for (float[] row : collapsed) {
            Arrays.fill(row, 0.3f);
        }
        app.metrics.embeddings(collapsed);
        app.metrics.refreshRepresentationHealth();

        PrometheusText scrape = app.scrape();
        assertEquals(0, scrape.value("cpc_embedding_effective_rank"));
        assertEquals(0, scrape.value("cpc_embedding_std_min"));
        assertEquals(0, scrape.value("cpc_embedding_std_mean"));
        assertEquals(16, scrape.value("cpc_embedding_dimensions"));
        assertEquals(64, scrape.value("cpc_embedding_sample_rows"));

        Random random = new Random(1);
        for (int batch = 0; batch < 32; batch++) {
            app.metrics.embeddings(Gaussian.rows(random, 16, 16));
        }
        app.metrics.refreshRepresentationHealth();

        scrape = app.scrape();
        assertEquals(512, scrape.value("cpc_embedding_sample_rows"), "the sample keeps only the last 512");
        assertTrue(scrape.value("cpc_embedding_effective_rank") > 14, "isotropic: rank close to H = 16");
        assertEquals(1.0, scrape.value("cpc_embedding_std_mean"), 0.1);
    }

    @Test
    void checkpointAgeAndSize() throws Exception {
        long fiveSecondsAgo = System.currentTimeMillis() - 5_000;
        app.metrics.checkpoint(123_456, fiveSecondsAgo);

        PrometheusText scrape = app.scrape();

        assertEquals(123_456, scrape.value("cpc_checkpoint_size_bytes"));
        assertEquals(1, scrape.value("cpc_checkpoints_total"));
        double age = scrape.value("cpc_checkpoint_age_seconds");
        assertTrue(age >= 5 && age < 60, "age " + age);
    }

    @Test
    void beforeAnyCheckpointTheAgeCountsFromStart() throws Exception {
        PrometheusText scrape = app.scrape();

        double age = scrape.value("cpc_checkpoint_age_seconds");
        assertTrue(age >= 0 && age < 60, "age " + age);
        assertTrue(Double.isNaN(scrape.value("cpc_checkpoint_size_bytes")));
    }

    @Test
    void resourcesIncludeOffHeapMemoryAndTheJvm() throws Exception {
        PrometheusText scrape = app.scrape();

        assertTrue(scrape.value("cpc_offheap_allocated_bytes") >= 0);
        assertTrue(scrape.value("cpc_offheap_limit_bytes") > 0);
        assertTrue(scrape.value("cpc_process_physical_bytes") > 1_000_000, "a JVM is bigger than a megabyte");
        assertTrue(scrape.value("process_uptime_seconds") > 0);
        assertTrue(scrape.names().contains("jvm_memory_used_bytes"));
        assertTrue(scrape.names().contains("jvm_threads_live_threads"));
        assertTrue(scrape.names().contains("process_cpu_usage"));
    }
}
