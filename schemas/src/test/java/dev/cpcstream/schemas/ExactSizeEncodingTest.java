package dev.cpcstream.schemas;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExactSizeEncodingTest {

    @Test
    void aLargeCodecWritesTheSameBytesAsTheGrowingBuffer() {
        ModelCheckpoint checkpoint = Samples.checkpoint();
        byte[] growing = AvroCodec.of(ModelCheckpoint.class).encode(checkpoint);
        byte[] exact = AvroCodec.ofLarge(ModelCheckpoint.class).encode(checkpoint);
        assertArrayEquals(growing, exact);
    }

    @Test
    void anEncodingThatChangesBetweenItsPassesIsRefused() {
        AtomicInteger passes = new AtomicInteger();
        assertThrows(IOException.class, () -> ExactSizeEncoding.encode(out -> {
            out.write(new byte[3 + passes.getAndIncrement()]);
        }));
        AtomicInteger shrinking = new AtomicInteger();
        assertThrows(IOException.class, () -> ExactSizeEncoding.encode(out -> {
            out.write(new byte[3 - shrinking.getAndIncrement()]);
        }));
    }

    @Test
    void singleBytesAndRangesLandInOrder() throws IOException {
        byte[] encoded = ExactSizeEncoding.encode(out -> {
            out.write(7);
            out.write(new byte[] {1, 2, 3, 4}, 1, 2);
        });
        assertArrayEquals(new byte[] {7, 2, 3}, encoded);
    }
}
