package dev.cpcstream.schemas;

/** The shared codec of each record type; each knows its type's whole schema history. */
public final class Codecs {

    public static final AvroCodec<Frame> FRAME = AvroCodec.of(Frame.class);
    public static final AvroCodec<Embedding> EMBEDDING = AvroCodec.of(Embedding.class);
    public static final AvroCodec<DeadLetter> DEAD_LETTER = AvroCodec.of(DeadLetter.class);
    public static final AvroCodec<ModelCheckpoint> MODEL_CHECKPOINT = AvroCodec.ofLarge(ModelCheckpoint.class);
    public static final AvroCodec<ModelSnapshot> MODEL_SNAPSHOT = AvroCodec.ofLarge(ModelSnapshot.class);

    private Codecs() {
    }
}
