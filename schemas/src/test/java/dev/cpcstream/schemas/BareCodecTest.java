package dev.cpcstream.schemas;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bare datum: what plain Avro (Spark's from_avro, Flink's avro format) reads with the schema it is given. */
class BareCodecTest {

    private static final RecordCodec<Embedding> EMBEDDINGS = BareCodec.of(Embedding.class);
    private static final RecordCodec<Frame> FRAMES = BareCodec.of(Frame.class);

    @Test
    void recordsRoundTrip() {
        assertEquals(Samples.embedding(), EMBEDDINGS.decode(EMBEDDINGS.encode(Samples.embedding())));
        assertEquals(Samples.audioFrame(), FRAMES.decode(FRAMES.encode(Samples.audioFrame())));
    }

    @Test
    void plainAvroReadsTheBytesWithTheSchemaAlone() throws IOException {
        byte[] bytes = EMBEDDINGS.encode(Samples.embedding());

        GenericRecord read = new GenericDatumReader<GenericRecord>(Embedding.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));

        assertEquals("mic-kitchen-01", read.get("sourceId").toString());
        assertEquals(Samples.embedding().getVector(), read.get("vector"));
        assertEquals(Samples.CAPTURED.toEpochMilli(), read.get("timestamp"));
    }

    @Test
    void theBytesAreTheSingleObjectBodyWithoutItsHeader() {
        byte[] singleObject = Codecs.EMBEDDING.encode(Samples.embedding());

        assertEquals(Arrays.toString(Arrays.copyOfRange(singleObject, 10, singleObject.length)),
                Arrays.toString(EMBEDDINGS.encode(Samples.embedding())));
    }

    @Test
    void truncatedAndOverlongBytesAreRefusedByName() {
        byte[] bytes = EMBEDDINGS.encode(Samples.embedding());

        var truncated = assertThrows(UndecodableRecordException.class,
                () -> EMBEDDINGS.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        assertTrue(truncated.getMessage().contains("truncated body"), truncated.getMessage());
        var overlong = assertThrows(UndecodableRecordException.class,
                () -> EMBEDDINGS.decode(Arrays.copyOf(bytes, bytes.length + 2)));
        assertTrue(overlong.getMessage().contains("left over"), overlong.getMessage());
    }
}
