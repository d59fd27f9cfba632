package dev.cpcstream.streams.eval;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The linear probe of representation learning: L2-regularised logistic regression (one against the rest), fitted
 * to convergence by LIBLINEAR on the train split's embeddings, each dimension standardised with the train split's
 * mean and standard deviation, and scored on the test split. Tribuo does the fitting, the standardisation and the
 * metrics.
 *
 * <p>The penalty is chosen on the train split alone, by {@value #INNER_FOLDS}-fold cross-validation over a grid of
 * costs, so that a wide embedding probed on a few hundred files is not scored by how far an unregularised fit
 * overfits it; every representation, learned or spectral, gets the same choice. Fixed seed: the same files give the
 * same scores.
 */
public final class LinearProbe {

    /** LIBLINEAR's C, the inverse of the penalty: from strongly regularised to almost unregularised. */
    static final double[] COSTS = {1e-3, 1e-2, 1e-1, 1, 10};
    static final int INNER_FOLDS = 3;
    private static final int MAX_ITERATIONS = 1000;
    /** LIBLINEAR's default stopping tolerance for this solver. */
    private static final double TOLERANCE = 0.01;
    private static final long SEED = 42;
    /**
     * Tribuo logs every fit at INFO through java.util.logging, which our logging configuration does not reach; its
     * warnings still get through. Held in a field because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger TRIBUO_LOG =
            quieted(java.util.logging.Logger.getLogger("org.tribuo"));

    private static final LabelFactory LABELS = new LabelFactory();

    public ProbeResult fit(ProbeSet set) {
        return fit(set, chooseCost(set.train(), set.dimension()));
    }

    /** The probe with the cost given rather than chosen. */
    ProbeResult fit(ProbeSet set, double cost) {
        int[] varying = varyingDimensions(set.train(), set.dimension());
        String[] names = featureNames(varying.length);
        MutableDataset<Label> train = dataset("train split", set.train(), varying, names);
        MutableDataset<Label> test = dataset("test split", set.test(), varying, names);
        Model<Label> model = trainer(cost).train(train);
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

    /**
     * The cost whose probe, fitted on all folds of {@code train} but one and scored on that one, is right most often
     * over the folds; on a tie the smaller, the stronger penalty. Files are dealt into the folds in a seeded order.
     */
    static double chooseCost(List<ProbeSet.Example> train, int dimension) {
        List<ProbeSet.Example> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(SEED));
        List<InnerFold> folds = IntStream.range(0, INNER_FOLDS)
                .mapToObj(fold -> InnerFold.of(shuffled, fold, dimension)).toList();
        double best = COSTS[0];
        long bestRight = -1;
        for (double cost : COSTS) {
            long right = folds.stream().mapToLong(fold -> fold.rightAnswers(cost)).sum();
            if (right > bestRight) {
                best = cost;
                bestRight = right;
            }
        }
        return best;
    }

    /** One inner fold of {@link #chooseCost}: the files a probe is fitted on and those it is scored on. */
    private record InnerFold(MutableDataset<Label> fitOn, MutableDataset<Label> scoreOn) {

        /** Every {@code INNER_FOLDS}-th file from the {@code fold}-th on is scored; the rest are fitted on. */
        static InnerFold of(List<ProbeSet.Example> shuffled, int fold, int dimension) {
            List<ProbeSet.Example> fitOn = new ArrayList<>();
            List<ProbeSet.Example> scoreOn = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % INNER_FOLDS == fold ? scoreOn : fitOn).add(shuffled.get(i));
            }
            int[] varying = varyingDimensions(fitOn, dimension);
            String[] names = featureNames(varying.length);
            return new InnerFold(dataset("inner fold", fitOn, varying, names),
                    dataset("inner fold's held-out files", scoreOn, varying, names));
        }

        /** Files scored on that the probe fitted at {@code cost} gets right; none for a class it never saw. */
        long rightAnswers(double cost) {
            return trainer(cost).train(fitOn).predict(scoreOn).stream()
                    .filter(p -> p.getOutput().getLabel().equals(p.getExample().getOutput().getLabel()))
                    .count();
        }
    }

    private static TransformTrainer<Label> trainer(double cost) {
        return new TransformTrainer<>(new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), cost, MAX_ITERATIONS,
                TOLERANCE, SEED), new TransformationMap(List.of(new MeanStdDevTransformation())), true);
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
