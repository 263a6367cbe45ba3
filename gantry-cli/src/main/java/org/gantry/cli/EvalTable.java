package org.gantry.cli;

import java.util.Map;

/** The terminal table of a {@code gantry eval} report: one row per value, mean ± std over repeats. */
final class EvalTable {
    private EvalTable() {}

    @SuppressWarnings("unchecked")
    static String format(Map<String, Object> report) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("feature network: %s%n", report.get("feature_network")));
        b.append(String.format("computed on: %s, %s kernels%n", report.get("cpu"), report.get("cpu_capability")));
        b.append(String.format("%,d generated vs %,d real (%s), %s repeat(s), seed %s%n", report.get("samples"),
                report.get("reference_samples"), report.get("reference"), report.get("repeats"), report.get("seed")));
        if (report.get("sampler") instanceof Map<?, ?> sampler) {
            b.append(String.format("sampler %s: acceptance %.1f %%, %.2f proposals per sample%n", sampler.get("name"),
                    100 * (Double) sampler.get("acceptance_rate"), (Double) sampler.get("proposals_per_sample")));
        }
        b.append(String.format("%-16s %14s %12s%n", "metric", "mean", "± std"));
        Map<String, Object> metrics = (Map<String, Object>) report.get("metrics");
        metrics.forEach((name, value) -> {
            Map<String, Object> v = (Map<String, Object>) value;
            b.append(String.format("%-16s %14.6g %12.3g%n", name, (Double) v.get("mean"), (Double) v.get("std")));
        });
        return b.toString();
    }
}
