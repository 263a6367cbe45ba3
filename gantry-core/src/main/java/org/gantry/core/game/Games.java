package org.gantry.core.game;

import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.loss.Losses;
import org.gantry.core.model.GanModel;

/** Games by configuration name (key {@code game.name}), with their settings. */
public final class Games {
    private Games() {}

    public static final Setting<Double> ALPHA = Setting.of("game.alpha", ValueType.real(0, 1e6), 1.0,
            "d2gan: weight alpha of the first discriminator's log term, the forward KL(P||Q) side (Nguyen et al. "
                    + "2017: 1 on 2D toys, 0.2 on images).");
    public static final Setting<Double> BETA = Setting.of("game.beta", ValueType.real(0, 1e6), 1.0,
            "d2gan: weight beta of the second discriminator's log term, the reverse KL(Q||P) side (Nguyen et al. "
                    + "2017: 1 on 2D toys, 0.1 on images).");

    public static final Registry<Game> REGISTRY = new Registry<Game>("game")
            .register("standard", "one generator against one discriminator on loss.name",
                    c -> new StandardGame(Losses.REGISTRY.create(c.get(Losses.NAME), c)))
            .register("d2gan", "two discriminators, one for each direction of KL (Nguyen et al. 2017); its own "
                    + "objectives replace loss.name", c -> new DualDiscriminatorGame(c.get(ALPHA), c.get(BETA)),
                    concat(ALPHA, BETA, DualDiscriminatorGame.D2_OPTIMIZER.all()));

    public static final Setting<String> NAME = Setting.of("game.name", ValueType.choice(REGISTRY::names), "standard",
            "Which networks play and what each side minimises.");

    /** The configured game; a game with its own objectives refuses a loss it would ignore. */
    public static Game create(Config config) {
        String name = config.get(NAME);
        if (!name.equals("standard") && !config.get(Losses.NAME).equals(Losses.NAME.defaultValue())) {
            throw new ConfigException(NAME.key() + "=" + name + " has its own objectives, so " + Losses.NAME.key()
                    + "=" + config.get(Losses.NAME) + " would not be used: leave " + Losses.NAME.key() + " unset");
        }
        return REGISTRY.create(name, config);
    }

    /** The configured game's model: g, d, g_ema when EMA is on, and the game's own networks. */
    public static GanModel model(Config config, int[] exampleShape) {
        return new GanModel(config, exampleShape, create(config).extraNetworks(config, exampleShape));
    }

    private static Setting<?>[] concat(Setting<?> a, Setting<?> b, java.util.List<Setting<?>> rest) {
        Setting<?>[] out = new Setting<?>[2 + rest.size()];
        out[0] = a;
        out[1] = b;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 2] = rest.get(i);
        }
        return out;
    }
}
