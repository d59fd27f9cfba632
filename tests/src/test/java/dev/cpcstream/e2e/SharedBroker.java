package dev.cpcstream.e2e;

import dev.cpcstream.streams.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker for the whole end-to-end run, started by the first test class that asks for it and closed
 * when JUnit finishes; each test keeps to its own topics and application id.
 */
final class SharedBroker implements BeforeAllCallback {

    private static EmbeddedBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedBroker.class) {
            if (broker == null) {
                broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT);
                EmbeddedBroker started = broker;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(SharedBroker.class, (ExtensionContext.Store.CloseableResource) started::close);
            }
        }
    }

    static String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
