package org.gantry.cli;

import java.time.Duration;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainingListener;

/**
 * Shows training progress: a progress bar with losses, speed and ETA on a terminal; a plain line
 * every N steps when output goes to a log or CI.
 */
abstract class ProgressReporter implements TrainingListener {

    static TrainingListener create(int logEvery) {
        return System.console() != null ? new Bar() : new Lines(logEvery);
    }

    @Override
    public void onNotice(String message) {
        System.err.println("gantry: " + message);
    }

    static String metricsText(Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder();
        metrics.forEach((k, v) -> b.append(b.length() == 0 ? "" : "  ").append(k).append(' ')
                .append(String.format("%.4g", v)));
        return b.toString();
    }

    /** An interactive bar (me.tongfei progressbar). */
    static final class Bar extends ProgressReporter {
        private ProgressBar bar;

        @Override
        public void onStart(RunInfo run) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(run.totalSteps())
                    .startsFrom(run.startStep(), Duration.ZERO).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1)
                    .showSpeed().setUpdateIntervalMillis(250).build();
        }

        @Override
        public void onStep(StepResult r) {
            bar.stepTo(r.step());
            bar.setExtraMessage(r.hasCritic() ? String.format(" D %.3f G %.3f", r.discriminatorLoss(), r.generatorLoss())
                    : String.format(" G %.3f", r.generatorLoss()));
        }

        @Override
        public void onEvaluation(Evaluation e) {
            bar.setExtraMessage(" eval @" + e.step() + ": " + metricsText(e.metrics()));
        }

        @Override
        public void onFinish(Map<String, Object> summary) {
            bar.close();
        }
    }

    /** Plain lines for logs: step, losses, steps/s, ETA. */
    static final class Lines extends ProgressReporter {
        private final int every;
        private long total;
        private long lastStep;
        private long lastNanos;

        Lines(int every) {
            this.every = every;
        }

        @Override
        public void onStart(RunInfo run) {
            total = run.totalSteps();
            lastStep = run.startStep();
            lastNanos = System.nanoTime();
            System.out.printf("training steps %d to %d%n", run.startStep() + 1, total);
        }

        @Override
        public void onStep(StepResult r) {
            if (r.step() % every != 0 && r.step() != total) {
                return;
            }
            long now = System.nanoTime();
            double rate = (r.step() - lastStep) / ((now - lastNanos) / 1e9);
            lastStep = r.step();
            lastNanos = now;
            long eta = rate > 0 ? Math.round((total - r.step()) / rate) : 0;
            StringBuilder values = new StringBuilder();
            r.values().forEach((name, v) -> values.append(String.format("  %s %.4f", name, v)));
            System.out.printf("step %d/%d%s  %.1f steps/s  ETA %d:%02d:%02d%n", r.step(), total, values, rate,
                    eta / 3600, eta / 60 % 60, eta % 60);
        }

        @Override
        public void onEvaluation(Evaluation e) {
            System.out.printf("eval step %d  %s%n", e.step(), metricsText(e.metrics()));
        }
    }
}
