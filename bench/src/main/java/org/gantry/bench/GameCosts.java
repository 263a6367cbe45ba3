package org.gantry.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;

/**
 * The dcgan-mnist step of several games, each on the same preset with only game.name (and what
 * that game needs) changed, timed in alternating blocks in one process so that whatever else the
 * machine does falls on every game alike; a table of each game's median step and its cost
 * relative to the first game listed (issue 16: the cost per step of each game against the
 * standard one).
 */
final class GameCosts {
    private final Map<String, List<Double>> times = new LinkedHashMap<>();

    /** The dcgan-mnist configuration of {@code game}: the ones that read pixels as probabilities get binary data. */
    static Config config(Path mnist, int threads, long seed, String game) {
        ConfigBuilder b = GantryStepper.builder(mnist, threads, seed);
        b.setRaw("game.name", game, "--games");
        if (game.equals("bgan_discrete")) {
            b.setRaw("data.binarise", true, "--games");
        }
        return b.build();
    }

    /** Runs the blocks: per round, {@code steps} timed steps of each game in turn, after {@code warmup} untimed ones. */
    void run(List<String> games, Path mnist, int threads, long seed, int warmup, int rounds, int steps)
            throws InterruptedException {
        if (new java.util.HashSet<>(games).size() != games.size()) {
            throw new IllegalArgumentException("--games names a game twice: " + games);
        }
        List<GantryStepper> steppers = new ArrayList<>();
        try {
            for (String game : games) {
                steppers.add(new GantryStepper(config(mnist, threads, seed, game), threads));
                times.put(game, new ArrayList<>());
            }
            for (GantryStepper s : steppers) {
                for (int i = 0; i < warmup; i++) {
                    s.timedStep();
                }
            }
            for (int r = 1; r <= rounds; r++) {
                for (int g = 0; g < games.size(); g++) {
                    StepBench.settle();
                    List<Double> t = times.get(games.get(g));
                    for (int i = 0; i < steps; i++) {
                        t.add(steppers.get(g).timedStep());
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

    void print(PrintStream out, int threads, int warmup, int rounds, int steps) {
        out.printf("dcgan-mnist step per game, %d thread(s), %d warm-up steps, %d rounds of %d steps per game, "
                + "alternating blocks in one process; CPU: %s%n%n", threads, warmup, rounds, steps,
                org.gantry.core.engine.Provenance.cpu());
        out.println("| game | median ms/step | IQR ms | relative to " + times.keySet().iterator().next() + " |");
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
