package org.gantry.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.features.ClassifierCache;
import org.gantry.core.features.ClassifierData;
import org.gantry.core.features.ClassifierFeatures;
import org.gantry.core.features.ClassifierInfo;
import org.gantry.core.features.ClassifierRecipe;
import org.gantry.data.Downloader;
import org.gantry.data.MnistFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry classifier}: the classifier feature networks of the evaluation metrics. */
@Command(name = "classifier", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The classifiers whose features and class probabilities the image metrics use (FID, KID, "
                + "precision/recall, Inception-style score), one per labelled data set, cached.",
        subcommands = {ClassifierCommand.Train.class, CommandLine.HelpCommand.class})
final class ClassifierCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand there is nothing to do: say what there is, and fail like any bad input. */
    @Override
    public Integer call() {
        System.err.println("gantry classifier: give a subcommand (train)");
        spec.commandLine().usage(System.err);
        return Main.EXIT_BAD_INPUT;
    }

    /** {@code gantry classifier train}: trains (or retrains) and caches the classifier of a data set. */
    @Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
            description = {"Train the classifier of a data set and cache it, replacing a cached one.",
                "Evaluations train it on first use; this command trains it ahead, or again with another seed."})
    static final class Train implements Callable<Integer> {

        @Option(names = "--data", required = true, paramLabel = "NAME", description = "mnist or fashion_mnist.")
        String data;

        @Option(names = "--data-path", required = true, paramLabel = "DIR",
                description = "Directory with the four IDX files (gzip-compressed or raw).")
        Path dataPath;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
                description = "Seed of initialisation, data order, shifts and dropout (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + ClassifierRecipe.DEFAULT_EPOCHS,
                description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Mixin
        ThreadsOption threadsOption;

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Cache directory (default: $GANTRY_CACHE, else ~/.cache/gantry).")
        Path cache;

        @Override
        public Integer call() {
            try {
                ClassifierRecipe recipe = recipe();
                checkDataPath();
                TorchEngine.start(threadsOption.value());
                ClassifierData d = ClassifierData.read(data, dataPath);
                ClassifierCache store = new ClassifierCache(cache != null ? cache : Downloader.defaultCacheDir());
                System.out.printf("training the %s classifier: %d training and %d test images, seed %d, %d epochs, "
                        + "%d threads%n", data, d.train().size(), d.test().size(), seed, recipe.epochs(),
                        TorchEngine.threads());
                ClassifierProgress progress = ClassifierProgress.forConsole();
                try (ClassifierFeatures f = ClassifierFeatures.trainAndStore(d, store, recipe, seed,
                        threadsOption.value(), progress)) {
                    progress.close();
                    ClassifierInfo info = f.info();
                    System.out.printf("test accuracy: %.2f %% (%d test images) after %.1f s%n",
                            100 * info.testAccuracy(), d.test().size(), info.trainSeconds());
                    System.out.println("cached in: " + store.directory(data, info.dataSha256()).toAbsolutePath());
                    System.out.println("identity: " + f.identity());
                    System.out.println("trained on: " + info.cpu() + ", " + info.cpuCapability() + " kernels");
                } finally {
                    progress.close();
                }
                return 0;
            } catch (ConfigException e) {
                System.err.println("gantry: " + e.getMessage());
                return Main.EXIT_BAD_INPUT;
            } catch (UncheckedIOException e) {
                System.err.println("gantry: " + e.getMessage());
                return 1;
            }
        }

        /** Names --data-path in the message when the directory or one of its files is missing. */
        private void checkDataPath() {
            String needs = " (--data " + data + " needs " + MnistFiles.CONTENTS + ")";
            if (!Files.isDirectory(dataPath)) {
                throw new ConfigException("--data-path '" + dataPath + "' is not a directory" + needs);
            }
            for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
                if (!Files.isRegularFile(dataPath.resolve(base + ".gz")) && !Files.isRegularFile(dataPath.resolve(base))) {
                    throw new ConfigException("--data-path '" + dataPath + "' has no " + base + ".gz or " + base + needs);
                }
            }
        }

        private ClassifierRecipe recipe() {
            if (!ClassifierData.NAMES.contains(data)) {
                throw new ConfigException("--data '" + data + "' is not allowed; allowed: "
                        + String.join(", ", ClassifierData.NAMES));
            }
            if (epochs < 1) {
                throw new ConfigException("--epochs " + epochs + " is not allowed; allowed: a whole number ≥ 1");
            }
            return ClassifierRecipe.defaults().withEpochs(epochs);
        }
    }
}
