package org.gantry.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gantry.core.features.ClassifierListener;

/**
 * A classifier feature network's training progress on the terminal (a bar) or in a log (lines),
 * for {@code gantry classifier train} and for the first evaluation that needs the classifier.
 */
abstract class ClassifierProgress implements ClassifierListener, AutoCloseable {
    int epochs;
    int batches;

    /** A bar on an interactive terminal, plain lines otherwise. */
    static ClassifierProgress forConsole() {
        return System.console() != null ? new Bar() : new Lines();
    }

    @Override
    public void onMessage(String message) {
        System.out.println(message);
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void close() {}

    /** An interactive bar over all batches, with epoch, loss and the last test accuracy. */
    static final class Bar extends ClassifierProgress {
        private ProgressBar bar;
        private String accuracy = "";

        @Override
        public void onStart(int epochs, int batchesPerEpoch) {
            super.onStart(epochs, batchesPerEpoch);
            bar = new ProgressBarBuilder().setTaskName("classifier").setInitialMax((long) epochs * batchesPerEpoch)
                    .startsFrom(0, Duration.ZERO).setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).showSpeed()
                    .setUpdateIntervalMillis(250).build();
        }

        @Override
        public void onBatch(int epoch, int batch, double loss) {
            bar.stepTo((long) (epoch - 1) * batches + batch);
            bar.setExtraMessage(String.format(" epoch %d/%d loss %.3f%s", epoch, epochs, loss, accuracy));
        }

        @Override
        public void onEpoch(int epoch, double meanLoss, double testAccuracy) {
            accuracy = String.format(" test %.2f%%", 100 * testAccuracy);
            bar.setExtraMessage(String.format(" epoch %d/%d loss %.3f%s", epoch, epochs, meanLoss, accuracy));
            if (epoch == epochs) {
                close(); // before the messages that follow the training
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** Plain lines for logs: every 100 batches, and each epoch's loss and test accuracy. */
    static final class Lines extends ClassifierProgress {
        private long started;

        @Override
        public void onStart(int epochs, int batchesPerEpoch) {
            super.onStart(epochs, batchesPerEpoch);
            started = System.nanoTime();
        }

        @Override
        public void onBatch(int epoch, int batch, double loss) {
            if (batch % 100 == 0) {
                System.out.printf("epoch %d/%d  batch %d/%d  loss %.4f  %.0f s%n", epoch, epochs, batch, batches, loss,
                        (System.nanoTime() - started) / 1e9);
            }
        }

        @Override
        public void onEpoch(int epoch, double meanLoss, double testAccuracy) {
            System.out.printf("epoch %d/%d  mean loss %.4f  test accuracy %.2f %%  %.0f s%n", epoch, epochs, meanLoss,
                    100 * testAccuracy, (System.nanoTime() - started) / 1e9);
        }
    }
}
