package org.gantry.core.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.features.ClassifierFeatures;
import org.gantry.core.features.ClassifierListener;
import org.gantry.core.features.TorchScriptFeatures;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.data.Downloader;
import org.gantry.eval.FeatureNetwork;

/** Which feature network an evaluation uses: Gantry's own classifier, a TorchScript file, or none. */
public final class FeatureNetworks {
    private FeatureNetworks() {}

    public static final Setting<String> NETWORK = Setting.of("eval.feature_network", ValueType.text(), "auto",
            "Feature network of image metrics: auto (Gantry's classifier for mnist, fashion_mnist and stacked_mnist, "
                    + "none for other data), classifier, none, or the path of a TorchScript file taking [N, C, H, W] "
                    + "images in [-1, 1] and returning features [N, D] or a tuple (features, logits).");

    /** The configured feature network for this data, or null when none applies (auto on points) or none is wanted. */
    public static FeatureNetwork create(Config config, Dataset data, int threads, ClassifierListener listener) {
        String choice = config.get(NETWORK).trim();
        String dataName = config.get(DataSets.NAME);
        switch (choice) {
            case "none":
                return null;
            case "auto":
            case "classifier": {
                String classifier = data.classifierData().orElse(null);
                if (classifier == null) {
                    if (choice.equals("auto")) {
                        return null;
                    }
                    throw new ConfigException("eval.feature_network=classifier needs data Gantry trains its classifier "
                            + "for (MNIST-like IDX data: mnist, fashion_mnist, and stacked_mnist per channel), not '"
                            + dataName + "'; give the path of a TorchScript feature network, or none");
                }
                return ClassifierFeatures.forDataset(classifier, DataSets.idxFilesWithBothSplits(config, classifier),
                        Downloader.defaultCacheDir(), config.get(GlobalSettings.SEED), threads, listener);
            }
            default: {
                Path file = Path.of(choice);
                if (!Files.isRegularFile(file)) {
                    throw new ConfigException("eval.feature_network: '" + choice + "' is not a file; allowed: auto, "
                            + "classifier, none, or the path of a TorchScript file");
                }
                return TorchScriptFeatures.load(file, data.exampleShape(), threads);
            }
        }
    }
}
