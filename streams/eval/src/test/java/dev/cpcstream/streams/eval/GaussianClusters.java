package dev.cpcstream.streams.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Labelled Gaussian clusters, written as the embeddings and labels files the evaluation tools read. */
final class GaussianClusters {

    private GaussianClusters() {
    }

    /**
     * {@code perClass} files of each of {@code classes} classes, every other one in the test split. Class c is
     * centred at {@code separation} along dimension c; with separation 0 the labels say nothing about the vectors.
     */
    static List<Labelled> make(int classes, int perClass, int dimension, double separation, long seed) {
        Random random = new Random(seed);
        List<Labelled> files = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = (float) (random.nextGaussian() + (d == c ? separation : 0));
                }
                files.add(new Labelled(new FileVector("class" + c + "/file" + i + ".wav", vector), "class" + c,
                        i % 2 == 0 ? Split.TRAIN : Split.TEST));
            }
        }
        return files;
    }

    record Labelled(FileVector vector, String label, Split split) {
    }

    static List<FileVector> vectors(List<Labelled> files) {
        return files.stream().map(Labelled::vector).toList();
    }

    /** labels.csv lines: header file,kind,split. */
    static List<String> labelsCsv(List<Labelled> files) {
        List<String> lines = new ArrayList<>(List.of("file,kind,split"));
        files.forEach(f -> lines.add(f.vector().file() + "," + f.label() + "," + f.split()));
        return lines;
    }
}
