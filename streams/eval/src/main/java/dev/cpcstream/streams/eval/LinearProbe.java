package dev.cpcstream.streams.eval;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The linear probe of representation learning: multinomial logistic regression, fitted on the train split's
 * embeddings, each dimension standardised with the train split's mean and standard deviation, and scored on the
 * test split. Tribuo does the fitting (AdaGrad on the log loss), the standardisation and the metrics.
 *
 * <p>No regularisation beyond a fixed number of epochs: probes on a few dozen files are usually separable, and
 * the number of epochs, not a penalty, is what keeps the weights finite. Fixed seed: the same files give the same
 * scores.
 */
public final class LinearProbe {

    private static final int EPOCHS = 100;
    private static final double LEARNING_RATE = 0.1;
    private static final long SEED = 42;
    /** AbstractSGDTrainer's value for "never log the running loss". */
    private static final int NO_LOSS_LOGGING = -1;
    /**
     * Tribuo logs every fit at INFO through java.util.logging, which our logging configuration does not reach; its
     * warnings still get through. Held in a field because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger TRIBUO_LOG =
            quieted(java.util.logging.Logger.getLogger("org.tribuo"));

    private static final LabelFactory LABELS = new LabelFactory();

    public ProbeResult fit(ProbeSet set) {
        int[] varying = varyingDimensions(set.train(), set.dimension());
        String[] names = featureNames(varying.length);
        MutableDataset<Label> train = dataset("train split", set.train(), varying, names);
        MutableDataset<Label> test = dataset("test split", set.test(), varying, names);
        TransformTrainer<Label> trainer = new TransformTrainer<>(
                new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE), EPOCHS, NO_LOSS_LOGGING, 1, SEED),
                new TransformationMap(List.of(new MeanStdDevTransformation())), true);
        Model<Label> model = trainer.train(train);
        List<Prediction<Label>> predictions = model.predict(test);
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, predictions, test.getProvenance());

        List<String> classes = set.classes();
        String majority = majorityClass(set.train());
        long majorityInTest = set.test().stream().filter(e -> e.label().equals(majority)).count();
        return new ProbeResult(set.column(), set.train().size(), set.test().size(), set.dimension(),
                set.dimension() - varying.length, classes, evaluation.accuracy(), evaluation.macroAveragedF1(),
                1.0 / classes.size(), (double) majorityInTest / set.test().size(), majority,
                confusion(classes, predictions));
    }

    /** Dimensions whose value differs between two train files; a constant one cannot be standardised. */
    private static int[] varyingDimensions(List<ProbeSet.Example> train, int dimension) {
        return IntStream.range(0, dimension)
                .filter(d -> train.stream().mapToDouble(e -> e.vector()[d]).distinct().limit(2).count() > 1)
                .toArray();
    }

    /** Zero-padded so that Tribuo's sorted feature order is the dimension order. */
    private static String[] featureNames(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("d%05d", i)).toArray(String[]::new);
    }

    private static MutableDataset<Label> dataset(String name, List<ProbeSet.Example> examples, int[] dimensions,
                                                 String[] names) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(name, LABELS), LABELS);
        for (ProbeSet.Example e : examples) {
            double[] values = new double[dimensions.length];
            for (int i = 0; i < dimensions.length; i++) {
                values[i] = e.vector()[dimensions[i]];
            }
            dataset.add(new ArrayExample<>(new Label(e.label()), names, values));
        }
        return dataset;
    }

    /** The most frequent class of the train split; ties go to the first in sorted order. */
    private static String majorityClass(List<ProbeSet.Example> train) {
        Map<String, Long> counts = train.stream().collect(Collectors.groupingBy(ProbeSet.Example::label,
                Collectors.counting()));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
    }

    /** {@code [truth][predicted]} counts over the test files. */
    private static int[][] confusion(List<String> classes, List<Prediction<Label>> predictions) {
        Map<String, Integer> index = IntStream.range(0, classes.size()).boxed()
                .collect(Collectors.toMap(classes::get, Function.identity()));
        int[][] counts = new int[classes.size()][classes.size()];
        for (Prediction<Label> prediction : predictions) {
            String truth = prediction.getExample().getOutput().getLabel();
            counts[index.get(truth)][index.get(prediction.getOutput().getLabel())]++;
        }
        return counts;
    }

    private static java.util.logging.Logger quieted(java.util.logging.Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }
}
