package org.gantry.core.sample;

import org.gantry.random.Rng;

/** Plain draws from the generator, the proposals that discriminator-guided samplers filter. */
final class Proposals {
    private Proposals() {}

    /** {@code count} examples x = G(z), z from the latent prior (examples drawn from G(z) for a generator of probabilities). */
    static float[] draw(SamplingTarget target, int count, Rng rng) {
        float[] z = new float[count * target.latentSpace().size()];
        target.latentSpace().draw(rng, z);
        float[] x = target.generate(z, count);
        target.draw(x, rng);
        return x;
    }

    /**
     * The calibration of the target's critic ({@link LogitCalibration}) on up to {@code samples} held-out
     * real examples and as many generated ones; the identity when {@code calibrate} is off.
     */
    static LogitCalibration calibration(SamplingTarget target, boolean calibrate, int samples, Rng rng) {
        if (!calibrate) {
            return LogitCalibration.NONE;
        }
        int n = Math.min(samples, target.heldOutAvailable());
        float[] real = target.logits(target.heldOut(n, rng), n);
        float[] generated = target.logits(draw(target, n, rng), n);
        return LogitCalibration.fit(real, generated);
    }

    /** Row {@code row} of {@code from} (rows of {@code length}) copied to row {@code to} of {@code into}. */
    static void copyRow(float[] from, int row, float[] into, int to, int length) {
        System.arraycopy(from, row * length, into, to * length, length);
    }
}
