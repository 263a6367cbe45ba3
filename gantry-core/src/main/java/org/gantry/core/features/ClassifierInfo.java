package org.gantry.core.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a trained classifier came from, as {@code classifier.json} in its cache folder records it.
 *
 * @param dataset data set name, e.g. {@code mnist}
 * @param dataSha256 {@link ClassifierData#checksum()} of the training and test data
 * @param seed the seed of initialisation, data order, shifts and dropout
 * @param recipe how it was trained
 * @param threads libtorch intra-op threads during training (results are bit-identical only for equal counts)
 * @param testAccuracy fraction of the test split classified correctly
 * @param trainSeconds wall time of the training
 * @param weightsSha256 SHA-256 of the weights file
 * @param djlVersion DJL version that trained it
 * @param libtorchVersion libtorch version that trained it
 * @param cpu the processor it was trained on (weights differ by CPU: {@code Provenance#cpu})
 * @param cpuCapability the instruction set libtorch's kernels dispatched to
 * @param blas the math library of libtorch's matrix products and its version
 * @param convolutions the code that computed its convolutions (oneDNN or ATen) and why
 * @param gantryVersion Gantry version that trained it
 * @param trainedAt ISO-8601 instant the training ended
 */
public record ClassifierInfo(String dataset, String dataSha256, long seed, ClassifierRecipe recipe, int threads,
        double testAccuracy, double trainSeconds, String weightsSha256, String djlVersion, String libtorchVersion,
        String cpu, String cpuCapability, String blas, String convolutions, String gantryVersion, String trainedAt) {

    /** The fields of {@code classifier.json}, in order; {@code weights_file} names the file next to it. */
    Map<String, Object> toJson(String weightsFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ClassifierCache.FORMAT);
        m.put("architecture", ClassifierNetwork.ARCHITECTURE);
        m.put("dataset", dataset);
        m.put("data_sha256", dataSha256);
        m.put("seed", seed);
        m.put("epochs", recipe.epochs());
        m.put("batch", recipe.batch());
        m.put("learning_rate", recipe.learningRate());
        m.put("max_shift", recipe.maxShift());
        m.put("dropout", recipe.dropout());
        m.put("threads", threads);
        m.put("test_accuracy", testAccuracy);
        m.put("train_seconds", trainSeconds);
        m.put("weights_file", weightsFile);
        m.put("weights_sha256", weightsSha256);
        m.put("djl_version", djlVersion);
        m.put("libtorch_version", libtorchVersion);
        m.put("cpu", cpu);
        m.put("cpu_capability", cpuCapability);
        m.put("blas", blas);
        m.put("convolutions", convolutions);
        m.put("gantry_version", gantryVersion);
        m.put("trained_at", trainedAt);
        return m;
    }
}
