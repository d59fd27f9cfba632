package dev.cpcstream.streams.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One state store's size over all its tasks: RocksDB's own estimates (Kafka Streams' state metrics, as the
 * application's registry holds them) and the bytes of its files in the state directory. The record caches in front of
 * the stores are not included: they are bounded by {@code statestore.cache.max.bytes} for the whole instance.
 *
 * @param keys       RocksDB's estimate of the live keys
 * @param memtables  bytes in its memtables
 * @param sstFiles   bytes of its SST files
 * @param diskBytes  bytes of every file under the store's directories
 */
record StoreSizes(double keys, double memtables, double sstFiles, long diskBytes) {

    private static final String STATE_METER = "kafka.stream.state.";
    private static final String STORE_TAG = "state.id";
    private static final String PRODUCER_TOPIC_BYTES = "kafka.producer.topic.byte.total";

    static StoreSizes of(String store, MeterRegistry registry, Path stateDir) {
        return new StoreSizes(sum(registry, store, "estimate.num.keys"), sum(registry, store, "size.all.mem.tables"),
                sum(registry, store, "total.sst.files.size"), diskBytes(stateDir, store));
    }

    /** Bytes the application's producers have sent to the store's changelog topic so far. */
    static double changelogBytes(String store, MeterRegistry registry) {
        String suffix = "-" + store + "-changelog";
        return registry.find(PRODUCER_TOPIC_BYTES).functionCounters().stream()
                .filter(counter -> counter.getId().getTag("topic") != null
                        && counter.getId().getTag("topic").endsWith(suffix))
                .mapToDouble(FunctionCounter::count).sum();
    }

    /** RocksDB's bytes: memtables and SST files. */
    double bytes() {
        return memtables + sstFiles;
    }

    private static double sum(MeterRegistry registry, String store, String metric) {
        return registry.find(STATE_METER + metric).tag(STORE_TAG, store).gauges().stream()
                .mapToDouble(Gauge::value).filter(Double::isFinite).sum();
    }

    /** Kafka Streams keeps a store at {@code <state.dir>/<application.id>/<task>/rocksdb/<store>}. */
    private static long diskBytes(Path stateDir, String store) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(file -> isIn(file, store) && Files.isRegularFile(file)).mapToLong(StoreSizes::size)
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static boolean isIn(Path file, String store) {
        for (int i = 0; i + 1 < file.getNameCount(); i++) {
            if (file.getName(i).toString().equals("rocksdb") && file.getName(i + 1).toString().equals(store)) {
                return true;
            }
        }
        return false;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
