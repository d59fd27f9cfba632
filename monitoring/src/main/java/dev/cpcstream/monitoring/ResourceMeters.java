package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is it running out of something: JVM heap, GC, threads, CPU and file descriptors through Micrometer's binders,
 * and the off-heap memory ND4J allocates through JavaCPP, which the JVM's own meters do not see.
 */
final class ResourceMeters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResourceMeters.class);

    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ResourceMeters(MeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        bindJavaCpp();
    }

    /**
     * JavaCPP's counters need its native library; where it cannot load, the gauges are left out rather than made
     * to throw on every scrape (a LinkageError would fail the whole scrape, not just one gauge).
     */
    private void bindJavaCpp() {
        try {
            Pointer.physicalBytes();
        } catch (LinkageError e) {
            log.warn("JavaCPP native library unavailable, off-heap memory is not measured: {}", e.toString());
            return;
        }
        bytesGauge(OFFHEAP_ALLOCATED, "Off-heap bytes allocated through JavaCPP (ND4J arrays)", Pointer::totalBytes);
        bytesGauge(OFFHEAP_LIMIT, "JavaCPP's limit on those bytes", Pointer::maxBytes);
        bytesGauge(PROCESS_PHYSICAL, "Resident physical memory of the process", Pointer::physicalBytes);
        bytesGauge(PROCESS_PHYSICAL_LIMIT, "JavaCPP's limit on resident memory (0: none)", Pointer::maxPhysicalBytes);
    }

    private void bytesGauge(String name, String description, LongSupplier bytes) {
        Gauge.builder(name, bytes, LongSupplier::getAsLong)
                .description(description)
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void close() {
        gc.close();
    }
}
