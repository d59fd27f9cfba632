package dev.cpcstream.streams.eval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationSubcommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"evaluate", "baseline", "diagnose", "learning-curve", "sensor-corpus", "novelty-eval"})
    void everyEvaluationSubcommandIsRegisteredAndExplainsItself(String subcommand) {
        Cli cli = new Cli();
        assertEquals(0, cli.run(subcommand, "--help"));
        assertTrue(cli.out.toString().startsWith("Usage: cpcstream " + subcommand), cli.out.toString());
    }
}
