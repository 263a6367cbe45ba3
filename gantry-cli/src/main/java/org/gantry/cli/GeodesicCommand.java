package org.gantry.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.config.ConfigException;
import org.gantry.core.api.Gantry;
import org.gantry.core.api.GeodesicResult;
import org.gantry.core.api.Origin;
import org.gantry.core.api.SampleBuilder;
import org.gantry.core.engine.Provenance;
import org.gantry.core.latent.Geodesic;
import org.gantry.core.output.GeodesicPlots;
import org.gantry.core.output.SampleFiles;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gantry geodesic}: straight and geodesic paths between latent points of a trained run, under
 * the metric its generator induces (Arvanitidis et al. 2018), as a PNG with a JSON record of each
 * path's data-space length and energy.
 */
@Command(name = "geodesic", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = {"Geodesic interpolation in a trained run's latent space: a PNG of the "
                + "straight and the geodesic path", "between random latent pairs, and FILE.json with their lengths in "
                + "data space."})
final class GeodesicCommand implements Callable<Integer> {

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run directory written by gantry train.")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "latest|best|FILE", defaultValue = "latest",
            description = "Which checkpoint (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "4",
            description = "Pairs of end points drawn from the prior (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "12",
            description = "Pieces of each discretised curve (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "500",
            description = "Adam steps on the inner points (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.01",
            description = "Adam's step size in latent space (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the end points (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "A .png file.")
    Path out;

    @Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        return CommandErrors.guarded(this::geodesics);
    }

    private int geodesics() throws IOException {
        if (pairs < 1 || pairs > 1000 || segments < 2 || segments > 1000 || iterations < 0
                || !(learningRate > 0 && learningRate < 100)) {
            throw new ConfigException("--pairs " + pairs + " --segments " + segments + " --iterations " + iterations
                    + " --lr " + learningRate + " are not allowed; allowed: 1 to 1000 pairs, 2 to 1000 segments, "
                    + "0 or more iterations, a step size in (0, 100)");
        }
        if (!out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new ConfigException("--out " + out + ": geodesics are drawn as a .png file");
        }
        SampleBuilder builder = Gantry.sample(run).checkpoint(checkpoint).threads(threadsOption.value());
        if (seed != null) {
            builder.seed(seed);
        }
        SampleFiles.requireDrawable(out, builder.exampleShape(), GeodesicPlots.CANNOT_DRAW);
        OutputFiles.checkWritable(out, "the geodesics");
        GeodesicResult result = builder.geodesics(pairs, segments, iterations, learningRate);
        Origin origin = result.origin();
        GeodesicPlots.write(out, String.format("%s, step %,d: straight and geodesic paths", origin.data(),
                origin.step()), result.pairs(), origin.shape(), origin.modes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Geodesic.Result r : result.pairs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("straight_length", r.straight().length());
            row.put("geodesic_length", r.geodesic().length());
            row.put("length_ratio", r.lengthRatio());
            row.put("straight_energy", r.straight().energy());
            row.put("geodesic_energy", r.geodesic().energy());
            rows.add(row);
        }
        Map<String, Object> record = OriginFields.of(run, origin);
        record.put("segments", segments);
        record.put("iterations", iterations);
        record.put("lr", learningRate);
        record.put("mean_length_ratio", result.meanLengthRatio());
        record.put("pairs", rows);
        record.put("cpu", Provenance.cpu());
        Path json = Path.of(out + ".json");
        AtomicFiles.writeString(json, Json.pretty(record));
        System.out.printf("geodesic / straight length in data space: %.3f on average over %d pairs%n",
                result.meanLengthRatio(), pairs);
        System.out.println("written: " + out.toAbsolutePath() + " (and " + json.getFileName() + ")");
        return 0;
    }
}
