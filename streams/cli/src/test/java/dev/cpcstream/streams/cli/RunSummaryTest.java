package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunSummaryTest {

    @Test
    void isOneLineWithTheAgreedKeysInOrder() {
        AppStatus status = new AppStatus(1000, 250, 250, 2, 31, 248, 2.9, 2.1, 2.83, 0.06, 0.3, 31, 0);

        String json = RunSummary.of(status, Duration.ofMillis(61_500)).json();

        assertEquals("{\"framesIn\":1000,\"windows\":250,\"embeddingsOut\":250,\"dlq\":2,\"trainSteps\":31,"
                + "\"firstLoss\":2.9,\"lastLoss\":2.1,\"chanceLoss\":2.83,\"firstAccuracy\":0.06,\"lastAccuracy\":0.3,"
                + "\"modelVersion\":31,\"wallSeconds\":61.5}", json);
    }

    @Test
    void aRunWithoutTrainingHasNullLossesNotNaN() {
        AppStatus status = new AppStatus(10, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 2.83, Double.NaN, Double.NaN, 0, 0);

        String json = RunSummary.of(status, Duration.ZERO).json();

        assertEquals("{\"framesIn\":10,\"windows\":0,\"embeddingsOut\":0,\"dlq\":0,\"trainSteps\":0,"
                + "\"firstLoss\":null,\"lastLoss\":null,\"chanceLoss\":2.83,\"firstAccuracy\":null,"
                + "\"lastAccuracy\":null,\"modelVersion\":0,\"wallSeconds\":0.0}", json);
    }
}
