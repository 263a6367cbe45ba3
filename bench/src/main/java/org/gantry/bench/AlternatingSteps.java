package org.gantry.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;

/**
 * One preset's training step under several configurations (each game of dcgan-mnist; an optimizer
 * against another), timed in alternating blocks in one process so that whatever else the machine
 * does falls on every configuration alike; a table of each one's median step and its cost relative
 * to the first listed. Issue 16 used it for the cost per step of each game, issue 19 for the fused Adam.
 */
final class AlternatingSteps {
    private final Map<String, List<Double>> times = new LinkedHashMap<>();

    /** The dcgan-mnist configuration of {@code game}: the ones that read pixels as probabilities get binary data. */
    static Config gameConfig(Path mnist, int threads, long seed, String game) {
        ConfigBuilder b = GantryStepper.builder(mnist, threads, seed);
        b.setRaw("game.name", game, "--games");
        if (game.equals("bgan_discrete")) {
            b.setRaw("data.binarise", true, "--games");
        }
        return b.build();
    }

    /** The configurations of {@code games}, by game name. */
    static Map<String, Config> games(List<String> games, Path mnist, int threads, long seed) {
        if (new java.util.HashSet<>(games).size() != games.size()) {
            throw new IllegalArgumentException("--games names a game twice: " + games);
        }
        Map<String, Config> out = new LinkedHashMap<>();
        for (String game : games) {
            out.put(game, gameConfig(mnist, threads, seed, game));
        }
        return out;
    }

    /**
     * Runs the blocks: per round, {@code steps} timed steps of each configuration in turn, after
     * {@code warmup} untimed ones; with a {@code cpu}, the stepping thread is pinned to it after the
     * warm-up (see {@link StepBench#pinAfterWarmup}).
     */
    void run(Map<String, Config> configs, int threads, int warmup, int rounds, int steps, Integer cpu)
            throws InterruptedException, IOException {
        List<GantryStepper> steppers = new ArrayList<>();
        List<List<Double>> series = new ArrayList<>();
        try {
            for (Map.Entry<String, Config> e : configs.entrySet()) {
                steppers.add(new GantryStepper(e.getValue(), threads));
                List<Double> t = new ArrayList<>();
                times.put(e.getKey(), t);
                series.add(t);
            }
            for (GantryStepper s : steppers) {
                StepBench.warmUp(warmup, n -> {
                    List<Double> t = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        t.add(s.timedStep());
                    }
                    return t;
                });
            }
            StepBench.pinAfterWarmup(cpu);
            for (int r = 1; r <= rounds; r++) {
                for (int c = 0; c < steppers.size(); c++) {
                    StepBench.settle();
                    for (int i = 0; i < steps; i++) {
                        series.get(c).add(steppers.get(c).timedStep());
                    }
                }
                System.err.printf("round %d/%d done%n", r, rounds);
            }
        } finally {
            for (GantryStepper s : steppers) {
                s.close();
            }
        }
    }

    void print(PrintStream out, String preset, String what, int threads, int warmup, int rounds, int steps) {
        out.printf("%s step per %s, %d thread(s), at least %d warm-up steps%s, %d rounds of %d steps per %s, "
                + "alternating blocks in one process; CPU: %s%n%n", preset, what, threads, warmup,
                warmup > 0 ? String.format(" and %.0f s", StepBench.WARMUP_MIN_MS / 1000) : "", rounds, steps, what,
                org.gantry.core.engine.Provenance.cpu());
        out.println("| " + what + " | median ms/step | IQR ms | relative to " + times.keySet().iterator().next() + " |");
        out.println("|---|---|---|---|");
        double base = Double.NaN;
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            Quartiles q = Quartiles.of(e.getValue());
            if (Double.isNaN(base)) {
                base = q.median();
            }
            out.printf("| %s | %.1f | %.1f | %.2f× |%n", e.getKey(), q.median(), q.iqr(), q.median() / base);
        }
    }
}
