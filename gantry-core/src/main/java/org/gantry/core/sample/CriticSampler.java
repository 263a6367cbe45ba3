package org.gantry.core.sample;

/**
 * A sampler that reads the critic's logit of single examples, so it needs a critic that gives one
 * (DRS, MH-GAN, REP-GAN).
 */
public interface CriticSampler extends Sampler {

    @Override
    default void check(SamplingTarget target) {
        target.checkCritic();
    }
}
