package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The history must record the schema this release writes, and this release must read every recorded version. */
class SchemaHistoryTest {

    @ParameterizedTest
    @ValueSource(classes = {Frame.class, Embedding.class, DeadLetter.class, ModelCheckpoint.class, ModelSnapshot.class})
    void theNewestRecordedVersionIsTheCurrentSchema(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> versions = SchemaHistory.versionsOf(current.getName());

        assertFalse(versions.isEmpty(), "no history/" + current.getName() + "/v1.avsc");
        Schema newest = versions.get(versions.size() - 1);
        // The fingerprint is what a reader looks writer schemas up by, so it is what must match.
        assertEquals(SchemaNormalization.parsingFingerprint64(current), SchemaNormalization.parsingFingerprint64(newest),
                "src/main/avro/" + current.getName() + ".avsc writes records that history/" + current.getName()
                        + "/v" + versions.size() + ".avsc does not describe: copy it to v" + (versions.size() + 1)
                        + ".avsc (see schemas/README.md)");
    }

    @ParameterizedTest
    @ValueSource(classes = {Frame.class, Embedding.class, DeadLetter.class, ModelCheckpoint.class, ModelSnapshot.class})
    void everyRecordedVersionIsReadableByTheCurrentClass(Class<? extends SpecificRecord> type) {
        // Building a codec registers each recorded version and refuses one the current schema cannot read.
        assertDoesNotThrow(() -> AvroCodec.of(type));
    }
}
