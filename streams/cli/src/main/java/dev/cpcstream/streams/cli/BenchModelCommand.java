package dev.cpcstream.streams.cli;

import dev.cpcstream.model.bench.ModelBenchmark;
import dev.cpcstream.streams.eval.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Hands every argument, {@code --help} included, to the model benchmark, which owns its flags. */
@Command(name = "bench-model",
        description = {"Time the model's training step alone and print one JSON line; takes the flags of "
                + "../shared/bench/torch_cpc.py, for a side-by-side comparison with PyTorch on the same CPU.",
                "Every argument is passed on: run `cpcstream bench-model --help` for the flags."})
final class BenchModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ModelBenchmark.run(arguments.toArray(String[]::new))
                .ifPresent(result -> spec.commandLine().getOut().println(Json.line(result)));
        return 0;
    }
}
