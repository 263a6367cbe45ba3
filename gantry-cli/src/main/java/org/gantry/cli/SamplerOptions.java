package org.gantry.cli;

import java.util.ArrayList;
import java.util.List;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.api.SampleBuilder;
import org.gantry.core.sample.Samplers;
import picocli.CommandLine.Option;

/**
 * The sampler options of the commands that draw from a trained run ({@code gantry sample},
 * {@code gantry eval --run}): which sampler, and its {@code sample.*} settings.
 */
final class SamplerOptions {
    @Option(names = "--sampler", paramLabel = "NAME",
            description = "How samples are drawn: direct, truncation, drs, mh_gan or rep_gan (default: the run's sample.name).")
    String sampler;

    @Option(names = "--set", paramLabel = "sample.KEY=VALUE",
            description = "A sampler setting, e.g. sample.gamma=p80 (`gantry train --describe` lists them); repeatable.")
    List<String> sets = new ArrayList<>();

    boolean given() {
        return sampler != null || !sets.isEmpty();
    }

    void apply(ConfigBuilder b) {
        if (sampler != null) {
            b.setRaw(Samplers.NAME.key(), sampler, "--sampler");
        }
        for (String s : sets) {
            Samplers.requireSamplerAssignment(s);
            b.set(s);
        }
    }

    void apply(SampleBuilder b) {
        if (sampler != null) {
            b.sampler(sampler);
        }
        sets.forEach(b::set);
    }
}
