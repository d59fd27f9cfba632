package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.DeadLetter;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedBroker.class)
class DeadLetterE2eTest {

    private static final int SOURCES = 3;
    private static final long FRAMES_BEFORE = 100;
    private static final long FRAMES_AFTER = 100;
    private static final Duration DRAIN = Duration.ofMinutes(2);

    @Test
    void badRecordsLandInTheDeadLetterTopicWithTheirReasonAndNothingElseIsLost(@TempDir Path stateDir)
            throws Exception {
        Deployment deployment = new Deployment("dlq", stateDir, Map.of());
        CpcConfig model = deployment.model();
        SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
        Map<String, byte[]> bad = Map.of(
                "garbage", "this is not an Avro frame".getBytes(StandardCharsets.UTF_8),
                "phone", Codecs.FRAME.encode(frame("phone", model.sampleRate() / 2, model.inChannels())),
                "stereo", Codecs.FRAME.encode(frame("stereo", model.sampleRate(), model.inChannels() + 1)));
        Map<String, Long> sent = new HashMap<>();
        AppStatus status;
        try (CpcStreamsApp app = deployment.start()) {
            feed.send(deployment, FRAMES_BEFORE).forEach((source, n) -> sent.merge(source, n, Long::sum));
            sendRaw(deployment.topics().frames(), bad);
            feed.send(deployment, FRAMES_AFTER).forEach((source, n) -> sent.merge(source, n, Long::sum));
            app.drain(DRAIN);
            status = app.status();
        }

        Map<String, DeadLetter> deadLetters = TopicReader.readAll(deployment.topics().deadLetters(),
                        Codecs.DEAD_LETTER, DRAIN).stream()
                .collect(Collectors.toMap(d -> new String(bytes(d.getKey()), StandardCharsets.UTF_8),
                        Function.identity()));
        assertEquals(bad.keySet(), deadLetters.keySet());
        assertEquals(DeadLetterReason.UNDECODABLE, deadLetters.get("garbage").getReason());
        assertEquals(DeadLetterReason.SAMPLE_RATE_MISMATCH, deadLetters.get("phone").getReason());
        assertEquals(DeadLetterReason.CHANNELS_MISMATCH, deadLetters.get("stereo").getReason());
        deadLetters.forEach((key, letter) -> {
            assertArrayEquals(bad.get(key), bytes(letter.getValue()), key + ": the original bytes, untouched");
            assertEquals(deployment.topics().frames(), letter.getTopic());
            assertTrue(!letter.getDetail().isBlank(), key + " has no detail");
        });
        assertEquals(bad.size(), status.dlq());

        List<Embedding> embeddings = TopicReader.readAll(deployment.topics().embeddings(), Codecs.EMBEDDING, DRAIN);
        WindowKeys.assertEachExactlyOnce(WindowKeys.expected(sent, feed.stepsPerFrame(), model), embeddings);
    }

    /** Ten milliseconds of silence, in a format of our choosing. */
    private static Frame frame(String sourceId, int sampleRate, int channels) {
        int steps = sampleRate / 100;
        return Frame.newBuilder()
                .setSourceId(sourceId)
                .setSeq(0)
                .setTimestamp(Instant.now())
                .setSampleRate(sampleRate)
                .setChannels(channels)
                .setEncoding(SampleEncoding.FLOAT32_LE)
                .setData(ByteBuffer.allocate(steps * channels * Float.BYTES))
                .build();
    }

    private static void sendRaw(String topic, Map<String, byte[]> records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                SharedBroker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
