package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.DeadLetter;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MalformedTraffic}'s 10,000 malformed records, mixed into the good traffic of four sources, through one
 * running application: each malformed record is dead-lettered once with its class's reason (or, a duplicate,
 * dropped and counted), /metrics counts the same by reason, the good traffic's windows are embedded exactly once,
 * and the application is still running.
 */
@ExtendWith(SharedBroker.class)
class MalformedInputE2eTest {

    private static final int SOURCES = 4;
    /** 100 tiny windows (4 frames) per source, room for every late frame. */
    private static final long FRAMES_PER_SOURCE = 400;
    private static final long SEED = 13;
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final Pattern DEAD_LETTERS = Pattern.compile(
            "^cpc_dead_letters_total\\{.*reason=\"(\\w+)\".*} (\\S+)$");

    @Test
    void everyMalformedRecordIsDeadLetteredWithItsReasonAndTheGoodTrafficIsComplete(@TempDir Path stateDir)
            throws Exception {
        Deployment deployment = new Deployment("fuzz", stateDir, Map.of(AppSettings.METRICS_PORT, "0"));
        CpcConfig model = deployment.model();
        MalformedTraffic traffic = new MalformedTraffic(model, Instant.now(), SOURCES, FRAMES_PER_SOURCE,
                SEED);
        List<MalformedTraffic.Sent> records = traffic.generate();
        assertEquals(10_000, Malformation.total());
        Map<String, MalformedTraffic.Sent> byOffset;
        String metrics;
        String health;
        try (CpcStreamsApp app = new CpcStreamsApp(deployment.settings(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            app.start();
            byOffset = send(deployment.topics().frames(), records);
            assertTheProducerRefusesWhatTheBrokerWouldNotTake(deployment.topics().frames());
            app.drain(DRAIN);
            InetSocketAddress endpoint = app.metricsAddress().orElseThrow();
            metrics = get(endpoint, "/metrics");
            health = get(endpoint, "/health");
        }

        List<DeadLetter> letters = TopicReader.readAll(deployment.topics().deadLetters(), Codecs.DEAD_LETTER, DRAIN);
        List<Embedding> embeddings = TopicReader.readAll(deployment.topics().embeddings(), Codecs.EMBEDDING, DRAIN);
        List<String> windows = WindowKeys.expected(traffic.goodFramesPerSource(), MalformedTraffic.STEPS_PER_FRAME,
                model);
        System.out.printf("MalformedInputE2eTest: %d records sent (%d malformed); %d dead letters, by reason %s;"
                + " %d windows expected, %d embeddings read%n", records.size(), Malformation.total(), letters.size(),
                scrapedDeadLetters(metrics), windows.size(), embeddings.size());
        assertEachHasItsReason(letters, byOffset, deployment.topics().frames());
        WindowKeys.assertEachExactlyOnce(windows, embeddings);
        assertEquals(expectedByReason(), scrapedDeadLetters(metrics), "cpc_dead_letters_total by reason");
        assertEquals(records.size(), sample(metrics, "cpc_frames_in_total"), "cpc_frames_in_total");
        assertEquals(Malformation.DUPLICATE_SEQ.count(), sample(metrics, "cpc_frame_duplicates_total"),
                "duplicates are dropped and counted");
        assertEquals(Malformation.LATE_FRAME.count(), sample(metrics, "cpc_frame_gaps_total"),
                "each late frame's place was declared a gap first");
        assertTrue(health.contains("\"streams\":\"RUNNING\""), "/health after the run: " + health);
    }

    /** Sends the records in order through one idempotent producer; returns each by "partition@offset". */
    private static Map<String, MalformedTraffic.Sent> send(String topic, List<MalformedTraffic.Sent> records)
            throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (MalformedTraffic.Sent record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
            }
        }
        Map<String, MalformedTraffic.Sent> byOffset = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RecordMetadata written = sent.get(i).get();
            byOffset.put(written.partition() + "@" + written.offset(), records.get(i));
        }
        return byOffset;
    }

    /** Past the producer's max.request.size (1 MiB, as the broker's message.max.bytes) a record never leaves it. */
    private static void assertTheProducerRefusesWhatTheBrokerWouldNotTake(String topic) {
        try (var producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            var tooLarge = producer.send(new ProducerRecord<>(topic, null, new byte[2 * 1024 * 1024]));
            ExecutionException refused = assertThrows(ExecutionException.class, tooLarge::get);
            assertInstanceOf(RecordTooLargeException.class, refused.getCause());
        }
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    /**
     * Each dead letter names a malformed record sent, with the reason its class must have, and no record twice, and
     * each class has as many as it counts; fails naming the first mismatches.
     */
    private static void assertEachHasItsReason(List<DeadLetter> letters, Map<String, MalformedTraffic.Sent> byOffset,
                                               String framesTopic) {
        Map<Malformation, Long> perClass = new EnumMap<>(Malformation.class);
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (DeadLetter letter : letters) {
            String offset = letter.getPartition() + "@" + letter.getOffset();
            MalformedTraffic.Sent record = byOffset.get(offset);
            Malformation m = record == null ? null : record.malformation();
            boolean expected = framesTopic.equals(letter.getTopic()) && m != null
                    && m.deadLetterReason().orElse(null) == letter.getReason();
            if (!expected || seen.merge(offset, 1, Integer::sum) > 1) {
                wrong.add(offset + " " + m + " -> " + letter.getReason() + ": " + letter.getDetail());
            }
            if (m != null) {
                perClass.merge(m, 1L, Long::sum);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " dead letters not of a malformed record, of another reason, or"
                + " repeated; first: " + wrong.subList(0, Math.min(10, wrong.size())));
        Map<Malformation, Long> expected = new EnumMap<>(Malformation.class);
        for (Malformation m : Malformation.values()) {
            m.deadLetterReason().ifPresent(reason -> expected.put(m, (long) m.count()));
        }
        assertEquals(expected, perClass, "dead letters per class");
    }

    /** Every reason's count, 0 for those no class should have. */
    private static Map<DeadLetterReason, Double> expectedByReason() {
        Map<DeadLetterReason, Double> expected = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            expected.put(reason, 0.0);
        }
        for (Malformation m : Malformation.values()) {
            m.deadLetterReason().ifPresent(reason -> expected.merge(reason, (double) m.count(), Double::sum));
        }
        return expected;
    }

    private static Map<DeadLetterReason, Double> scrapedDeadLetters(String metrics) {
        Map<DeadLetterReason, Double> scraped = new EnumMap<>(DeadLetterReason.class);
        metrics.lines().map(DEAD_LETTERS::matcher).filter(Matcher::matches).forEach(m ->
                scraped.merge(DeadLetterReason.valueOf(m.group(1)), Double.parseDouble(m.group(2)), Double::sum));
        return scraped;
    }

    /** The sum of an unlabelled or labelled counter's samples in the Prometheus text. */
    private static double sample(String metrics, String name) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$");
        return metrics.lines().map(sample::matcher).filter(Matcher::matches)
                .mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
    }

    private static String get(InetSocketAddress endpoint, String path) throws Exception {
        URI uri = URI.create("http://" + endpoint.getHostString() + ":" + endpoint.getPort() + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
