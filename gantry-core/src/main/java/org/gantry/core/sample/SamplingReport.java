package org.gantry.core.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;

/**
 * A sampler with its settings and what its samples cost, summed over one or more draws: the
 * acceptance rate, the proposals per sample returned (the marginal cost: calibration and DRS's
 * burn-in are a one-off set-up, not counted), samples per second (set-up included), and where a
 * critic-based sampler's held-out examples came from.
 */
public record SamplingReport(String name, Map<String, Object> settings, long samples, double acceptanceRate,
        double proposalsPerSample, double seconds, String heldOut) {

    public static SamplingReport of(Config config, List<Sampled> draws, double seconds, String heldOut) {
        return of(config.get(Samplers.NAME), Samplers.settingsOf(config), draws, seconds, heldOut);
    }

    public static SamplingReport of(String name, Map<String, Object> settings, List<Sampled> draws, double seconds,
            String heldOut) {
        long count = draws.stream().mapToLong(Sampled::count).sum();
        long proposals = draws.stream().mapToLong(Sampled::proposals).sum();
        long accepted = draws.stream().mapToLong(Sampled::accepted).sum();
        return new SamplingReport(name, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)), count, proposals == 0 ? Double.NaN : (double) accepted
                / proposals, count == 0 ? Double.NaN : (double) proposals / count, seconds,
                settings.containsKey(Samplers.CALIBRATE.key()) ? heldOut : null);
    }

    public double samplesPerSecond() {
        return samples / seconds;
    }

    /** The report as JSON-ready values. */
    public Map<String, Object> toMap() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("settings", settings);
        r.put("samples", samples);
        r.put("acceptance_rate", acceptanceRate);
        r.put("proposals_per_sample", proposalsPerSample);
        r.put("seconds", seconds);
        r.put("samples_per_second", samplesPerSecond());
        if (heldOut != null) {
            r.put("held_out", heldOut);
        }
        return r;
    }

    /** One line: the sampler, its acceptance and its cost. */
    public String describe() {
        return String.format("sampler %s %s: acceptance %.1f %%, %.2f proposals per sample, %.0f samples/s", name,
                settings, 100 * acceptanceRate, proposalsPerSample, samplesPerSecond());
    }
}
