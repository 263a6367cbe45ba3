package org.gantry.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.config.ConfigException;
import org.gantry.core.api.Gantry;
import org.gantry.core.api.Origin;
import org.gantry.core.api.SampleBuilder;
import org.gantry.core.api.SampleResult;
import org.gantry.core.engine.Provenance;
import org.gantry.core.output.SampleFiles;
import org.gantry.core.sample.SamplingReport;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gantry sample}: samples of a trained run through a sampler, written as a PNG, CSV or NumPy
 * file, with a JSON record beside it (run, checkpoint, seed, sampler settings, acceptance and cost)
 * from which the same samples can be drawn again.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Draw samples from a trained run and write them as a PNG grid or scatter plot, CSV or NumPy .npy.",
            "The file's extension chooses the format; FILE.json beside it records how they were drawn."})
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run directory written by gantry train.")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "latest|best|FILE", defaultValue = "latest",
            description = "Which checkpoint (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "How many samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the draw (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "samples.png, samples.csv or samples.npy.")
    Path out;

    @Mixin
    SamplerOptions samplerOptions;

    @Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        return CommandErrors.guarded(this::sample);
    }

    private int sample() throws IOException {
        if (n < 1) {
            throw new ConfigException("--n " + n + " is not allowed; allowed: 1 or more samples");
        }
        String format = SampleFiles.format(out);
        SampleBuilder builder = Gantry.sample(run).checkpoint(checkpoint).threads(threadsOption.value());
        samplerOptions.apply(builder);
        if (seed != null) {
            builder.seed(seed);
        }
        // The run's configuration with the sampler's settings and its data set, checked before anything is written.
        int[] shape = builder.exampleShape();
        if (format.equals("png")) {
            SampleFiles.requireDrawable(out, shape, SampleFiles.WRITE_ANOTHER_FORMAT);
        }
        OutputFiles.checkWritable(out, "the samples");
        SampleResult result = builder.draw(n);
        SamplingReport sampler = SamplingReport.of(result.sampler(), result.settings(), List.of(result.drawn()),
                result.seconds(), result.heldOut());
        Origin origin = result.origin();
        SampleFiles.write(out, String.format("%s, step %,d, %s", origin.data(), origin.step(), result.sampler()),
                result.examples(), n, origin.shape(), origin.modes());
        Map<String, Object> r = OriginFields.of(run, origin);
        r.put("samples", n);
        r.put("file", out.toAbsolutePath().toString());
        r.put("sampler", sampler.toMap());
        r.put("cpu", Provenance.cpu());
        Path record = Path.of(out + ".json");
        AtomicFiles.writeString(record, Json.pretty(r));
        System.out.println(sampler.describe());
        System.out.println("written: " + out.toAbsolutePath() + " (and " + record.getFileName() + ")");
        return 0;
    }
}
