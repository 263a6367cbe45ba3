package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.Scalars;
import org.gantry.core.loss.AdversarialLoss;

/**
 * The semi-supervised GAN of Salimans et al. 2016: the discriminator is a classifier with K logits
 * l₁…l_K, and "generated" is a class K+1 whose logit is fixed at 0. Then the probability that x is
 * real is D(x) = Z/(Z + 1) with Z = Σ exp l_k, that is a logit of log Z = logsumexp(l): the
 * adversarial loss (loss.name; the paper's is ns) acts on that logit, and the critic side adds the
 * cross-entropy of the labelled examples' classes under softmax(l), weighted by game.class_weight
 * and reported as class_loss. The paper's MNIST result trains the generator by feature matching
 * (loss.generator_objective=feature_matching). The classifier is the discriminator itself: its
 * argmax over the K logits.
 */
final class SemiSupervisedGame implements Game {
    private final AdversarialLoss loss;
    private final int labels;
    private final double classWeight;

    SemiSupervisedGame(AdversarialLoss loss, int labels, double classWeight) {
        this.loss = loss;
        this.labels = labels;
        this.classWeight = classWeight;
    }

    /** The refusals that no single key can express. */
    static void check(Config config) {
        Games.requireUnpacked(config, "classifies each example");
    }

    @Override
    public int criticOutputs(int classes) {
        if (classes < 2) {
            throw new ConfigException("game.name=ssgan learns the classes of labelled examples, and the data set has "
                    + (classes == 0 ? "no labels" : "one class") + ": use a labelled data set (mnist, fashion_mnist, "
                    + "cifar10, or ring and grid, whose points are labelled by their mode)");
        }
        return classes;
    }

    @Override
    public int labelledExamples() {
        return labels;
    }

    /** log Z = logsumexp over the class logits, computed around the row maximum (held constant). */
    @Override
    public NDArray logit(NDArray classLogits) {
        NDArray top = classLogits.max(new int[] {1}, true).stopGradient();
        return classLogits.sub(top).exp().sum(new int[] {1}, true).log().add(top);
    }

    @Override
    public Objective criticObjective(Play play) {
        NDArray[] d = play.onRealAndFake("d");
        NDArray realTerm = loss.realTerm(logit(d[0]));
        NDArray fakeTerm = loss.fakeTerm(logit(d[1]));
        LabelledBatch batch = play.labelled();
        NDArray classLoss = Scalars.times(crossEntropy(play.model().discriminator().forward(batch.examples(), true),
                batch.classes()), classWeight);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("d_loss_real", realTerm);
        terms.put("d_loss_fake", fakeTerm);
        terms.put("class_loss", classLoss);
        return new Objective(realTerm.add(fakeTerm).add(classLoss), terms);
    }

    @Override
    public Objective generatorObjective(Play play) {
        return Objective.of(loss.generatorLoss(logit(play.onFake("d"))));
    }

    /** The batch mean of −log softmax(l)[y], with y one-hot. */
    static NDArray crossEntropy(NDArray classLogits, NDArray oneHot) {
        return classLogits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }
}
