package dev.mlbench.predict;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A random forest of CART regression trees (Tribuo), trained on feature vectors named by a fixed list. Each tree's
 * prediction is kept, not only their mean: their spread is the interval an estimate prints.
 */
final class Forest {

    /** The library, as the model file records it. */
    static final String LIBRARY = "Tribuo";
    /** Its version, from the library itself. */
    static final String LIBRARY_VERSION = Tribuo.VERSION;
    /** The only output dimension. */
    private static final String RESPONSE = "response";
    /** Share of the features each split may choose from: decorrelates the trees, as in Breiman's forests. */
    private static final float FEATURES_PER_SPLIT = 0.5f;
    /** Fewest rows a leaf may hold: one row per leaf would learn the noise of single measurements. */
    private static final float MIN_CHILD_WEIGHT = 2f;

    /** Tribuo logs each tree at INFO; a command prints what it means itself. Held here so the setting is not collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private final WeightedEnsembleModel<Regressor> model;
    private final String[] names;

    private Forest(WeightedEnsembleModel<Regressor> model, List<String> names) {
        this.model = model;
        this.names = names.toArray(String[]::new);
    }

    /** Trains {@code trees} trees on rows {@code x} (values in the order of {@code names}) and responses {@code y}. */
    static Forest train(List<String> names, List<double[]> x, double[] y, int trees, long seed) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("bench results", factory), factory);
        String[] featureNames = names.toArray(String[]::new);
        for (int i = 0; i < x.size(); i++) {
            data.add(new ArrayExample<>(new Regressor(RESPONSE, y[i]), featureNames, x.get(i)));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(Integer.MAX_VALUE, MIN_CHILD_WEIGHT, 0f, FEATURES_PER_SPLIT, false,
                new MeanSquaredError(), seed);
        RandomForestTrainer<Regressor> forest = new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed);
        return new Forest(ensemble(forest.train(data), "the trained forest"), names);
    }

    /**
     * The forest serialised as Tribuo's protobuf, gzipped: every tree repeats the feature map and its provenance,
     * which gzip shrinks about tenfold.
     */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            model.serialize().writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress the forest in memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a forest written by {@link #toBytes}; {@code where} names the file in the error when the bytes are not a
     * Tribuo regression forest.
     */
    static Forest fromBytes(byte[] bytes, List<String> names, String where) {
        Model<?> model;
        try {
            model = Model.deserialize(ModelProto.parseFrom(new GZIPInputStream(new ByteArrayInputStream(bytes))));
        } catch (InvalidProtocolBufferException | ZipException | EOFException e) {
            throw new PredictInputException(where + ": the forest is not a Tribuo model (truncated or damaged: " + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            throw new PredictInputException(where + ": the forest cannot be read by " + LIBRARY + " " + LIBRARY_VERSION + " (" + e.getMessage() + ")");
        }
        return new Forest(ensemble(model, where), names);
    }

    @SuppressWarnings("unchecked")
    private static WeightedEnsembleModel<Regressor> ensemble(Model<?> model, String where) {
        if (!(model instanceof WeightedEnsembleModel<?> e) || !model.validate(Regressor.class)) {
            throw new PredictInputException(where + ": the forest is a " + model.getClass().getSimpleName()
                    + ", not a Tribuo regression ensemble");
        }
        return (WeightedEnsembleModel<Regressor>) e;
    }

    /** Number of trees. */
    int size() {
        return model.getNumModels();
    }

    /** Every tree's prediction for the features {@code x} (in the order of the names it was trained with). */
    double[] treePredictions(double[] x) {
        Example<Regressor> example = new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, x);
        List<Model<Regressor>> trees = model.getModels();
        double[] out = new double[trees.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = trees.get(i).predict(example).getOutput().getValues()[0];
        }
        return out;
    }

    /** The forest's prediction: the mean of its trees'. */
    static double mean(double[] treePredictions) {
        return Arrays.stream(treePredictions).average().orElseThrow();
    }
}
