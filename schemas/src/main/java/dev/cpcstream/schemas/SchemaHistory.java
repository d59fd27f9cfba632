package dev.cpcstream.schemas;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every version of a record's schema that has ever been written, kept as resources
 * {@code dev/cpcstream/schemas/history/<RecordName>/v<N>.avsc} numbered from 1 without gaps, so that bytes written
 * by any past release still find their writer schema. The newest version is the one in {@code src/main/avro}.
 */
final class SchemaHistory {

    private SchemaHistory() {
    }

    /** The recorded versions of the named record, oldest first; empty when none were recorded. */
    static List<Schema> versionsOf(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "history/" + recordName + "/v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                // A parser per file: the versions share names, and one parser refuses to define a name twice.
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read schema history " + resource, e);
            }
        }
    }
}
