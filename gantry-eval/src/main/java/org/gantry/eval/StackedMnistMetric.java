package org.gantry.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacked MNIST modes (VEEGAN, PacGAN): each of the three channels of a sample is classified by
 * an MNIST classifier; the digit triple is the sample's mode. Reports the number of distinct
 * triples of 1,000 and KL(triple histogram ‖ uniform).
 */
final class StackedMnistMetric implements SampleMetric {
    static final int[] CHANNEL_SHAPE = {1, 28, 28};

    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.higher("stacked_modes"), MetricValue.lower("stacked_kl").pickingBest());
    }

    @Override
    public boolean appliesTo(EvaluationReference reference) {
        return reference.training().name().equals("stacked_mnist") && reference.network().isPresent()
                && Arrays.equals(reference.network().get().inputShape(), CHANNEL_SHAPE)
                && reference.network().get().classCount() == 10;
    }

    @Override
    public Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference) {
        int n = generated.count();
        int plane = CHANNEL_SHAPE[1] * CHANNEL_SHAPE[2];
        int[][] digits = new int[3][];
        for (int c = 0; c < 3; c++) {
            float[] channel = new float[n * plane];
            for (int i = 0; i < n; i++) {
                System.arraycopy(generated.samples(), (i * 3 + c) * plane, channel, i * plane, plane);
            }
            digits[c] = argmax(reference.embed(channel, n).probabilities());
        }
        StackedMnistModes m = StackedMnistModes.of(digits[0], digits[1], digits[2]);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("stacked_modes", (double) m.modes());
        out.put("stacked_kl", m.kl());
        return out;
    }

    private static int[] argmax(FeatureMatrix p) {
        int[] out = new int[p.rows()];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int j = 1; j < p.columns(); j++) {
                if (p.get(i, j) > p.get(i, best)) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
