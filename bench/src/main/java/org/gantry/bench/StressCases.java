package org.gantry.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.run.GantrySchema;

/**
 * The trainings {@code bench/stress} hunts faults in: the dcgan-mnist preset as users run it,
 * every convolutional architecture × normalisation × way of training, on MNIST with small widths,
 * and the maxout discriminator under the trainings that apply to vectors, on the ring.
 */
final class StressCases {
    static final String DCGAN_MNIST = GantryStepper.PRESET;
    static final String[] ARCHITECTURES = {"dcgan", "sndcgan", "resnet"};
    static final String[] NORMALISATIONS = {"none", "batch", "layer", "spectral", "weight", "ghost_batch",
        "virtual_batch"};
    /** A name and the keys that select it: plain alternating steps, a double-backward penalty, each dynamics. */
    static final Map<String, String[]> TRAININGS = new LinkedHashMap<>();

    static {
        TRAININGS.put("alternating", new String[] {});
        // Adam by DJL's per-parameter kernel, which adam used before it took libtorch's fused one.
        TRAININGS.put("djl_adam", new String[] {"g.optimizer=djl-adam", "d.optimizer=djl-adam"});
        TRAININGS.put("r1", new String[] {"regulariser.name=r1", "regulariser.weight=1"});
        TRAININGS.put("wgan_gp", new String[] {"loss.name=wgan", "regulariser.name=wgan_gp",
            "regulariser.weight=10"});
        TRAININGS.put("consensus", new String[] {"dynamics.name=consensus", "dynamics.gamma=1"});
        TRAININGS.put("gradient_regularised", new String[] {"dynamics.name=gradient_regularised",
            "dynamics.eta=0.05"});
        // ODE-GAN integrates plain gradients, no optimizer, and Qin et al. pair it with a spectrally
        // normalised discriminator. Without one, the ResNet's sum-pooled logits (about 65 at
        // initialisation) made it go non-finite within 5 steps (no or layer norm; one run each): the
        // method's limit with these settings. So its rows vary the generator's normalisation only.
        TRAININGS.put("ode", new String[] {"dynamics.name=ode", "d.norm=spectral"});
        TRAININGS.put("functional_gradient", new String[] {"dynamics.name=functional_gradient"});
        // Games of more networks: a second discriminator, and a head reading d's features and the
        // codes sliced from the latent batch.
        TRAININGS.put("d2gan", new String[] {"game.name=d2gan"});
        TRAININGS.put("infogan", new String[] {"game.name=infogan"});
        // A discriminator of ten class logits trained on 100 labels; a generator of Bernoulli pixels
        // trained by importance-weighted policy gradient on binarised digits.
        TRAININGS.put("ssgan", new String[] {"game.name=ssgan", "game.labels=100"});
        TRAININGS.put("bgan_discrete", new String[] {"game.name=bgan_discrete", "data.binarise=true",
            "game.samples_per_latent=4"});
        // Four generators and eight critics with rows routed to members by index gathers, whose
        // assignment changes every step; past its warm-up from the third step.
        TRAININGS.put("mixture", new String[] {"game.name=mixture", "game.components=4", "game.warmup_steps=2"});
        // Four generator and two discriminator samples side by side, each moved by SGHMC with its noise.
        TRAININGS.put("bayesian", new String[] {"game.name=bayesian", "game.generator_samples=4",
            "game.critic_samples=2", "g.optimizer=sghmc", "d.optimizer=sghmc", "g.lr=2e-9", "d.lr=2e-9",
            "g.posterior_scale=60000", "d.posterior_scale=60000"});
    }

    /** Networks side by side (a mixture's members, parameter samples) refuse norms initialised from one batch. */
    private static boolean applies(String norm, String training) {
        boolean sideBySide = training.equals("mixture") || training.equals("bayesian");
        return !(sideBySide && (norm.equals("weight") || norm.equals("virtual_batch")));
    }

    /** Small widths per architecture, two up-samplings in each generator (7 → 28 pixels). */
    private static final Map<String, String[]> WIDTHS = Map.of(
            "dcgan", new String[] {"g.channels=32,16", "d.channels=16,32"},
            "sndcgan", new String[] {"g.channels=64,32,16", "d.channels=16,32,32,64"},
            "resnet", new String[] {"g.channels=32,32", "d.channels=32,32,32,32"});

    private StressCases() {}

    /**
     * The vector cases: the maxout discriminator (PacGAN's) against an MLP generator on the 8-mode
     * ring, with plain weights, under the trainings that apply to vectors.
     */
    private static final String MAXOUT = "maxout";
    private static final List<String> MAXOUT_TRAININGS = List.of("alternating", "djl_adam", "r1", "wgan_gp",
            "consensus", "gradient_regularised", "ode", "functional_gradient", "d2gan");

    /** Every architecture/normalisation/training case name, in table order. */
    static List<String> combinations() {
        List<String> names = new ArrayList<>();
        for (String training : MAXOUT_TRAININGS) {
            names.add(MAXOUT + "/none/" + training);
        }
        for (String arch : ARCHITECTURES) {
            for (String norm : NORMALISATIONS) {
                for (String training : TRAININGS.keySet()) {
                    if (applies(norm, training)) {
                        names.add(arch + "/" + norm + "/" + training);
                    }
                }
            }
        }
        return names;
    }

    /** The configuration of case {@code name} ({@link #DCGAN_MNIST} or a combination name). */
    static Config config(String name, Path mnist, int threads, long seed) {
        if (name.equals(DCGAN_MNIST)) {
            return GantryStepper.config(mnist, threads, seed);
        }
        String[] parts = name.split("/");
        if (parts.length == 3 && parts[0].equals(MAXOUT) && MAXOUT_TRAININGS.contains(parts[2])) {
            return built(null, threads, seed, new String[] {"data.name=ring", "g.arch=mlp", "g.widths=64,64",
                "d.arch=maxout", "d.widths=32,32", "d.pieces=5", "train.batch=16"}, TRAININGS.get(parts[2]));
        }
        if (parts.length != 3 || !WIDTHS.containsKey(parts[0]) || !TRAININGS.containsKey(parts[2])) {
            throw new IllegalArgumentException("no stress case '" + name + "'");
        }
        return built(mnist, threads, seed, new String[] {"data.name=mnist", "g.arch=" + parts[0],
            "d.arch=" + parts[0], "g.norm=" + parts[1], "d.norm=" + parts[1], "g.z_dim=32", "train.batch=16",
            "g.ghost_batch=4", "d.ghost_batch=4", "g.reference_batch=8", "d.reference_batch=8"},
            WIDTHS.get(parts[0]), TRAININGS.get(parts[2]));
    }

    /** A configuration of the given settings, in order, with data.path (unless null), train.threads and seed. */
    private static Config built(Path data, int threads, long seed, String[]... settings) {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create());
        for (String[] group : settings) {
            for (String s : group) {
                b.set(s);
            }
        }
        if (data != null) {
            b.setRaw("data.path", data.toString(), "--mnist");
        }
        b.setRaw("train.threads", threads, "--threads");
        b.setRaw("seed", seed, "--seed");
        return b.build();
    }
}
