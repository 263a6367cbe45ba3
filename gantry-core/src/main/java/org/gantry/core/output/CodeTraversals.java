package org.gantry.core.output;

import java.io.IOException;
import java.nio.file.Path;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;

/**
 * Image grids that vary one latent code with everything else fixed, as in InfoGAN's figures:
 * {@code codes-categorical-<i>.png} has a row per latent draw and a column per value of categorical
 * code i; {@code codes-continuous-<j>.png} a row per value of the first categorical code (or per
 * draw, without one) and columns sweeping continuous code j over [−2, 2], beyond its prior's
 * [−1, 1] to show how far the learnt meaning extends.
 */
public final class CodeTraversals {
    static final int ROWS = 10;
    static final int STEPS = 10;

    private CodeTraversals() {}

    /** Writes the grids of {@code model}'s codes into {@code dir}; the same {@code seed} gives the same latent draws. */
    public static void write(Path dir, GanModel model, long seed) throws IOException {
        LatentSpace space = model.latentSpace();
        int size = space.size();
        for (int code = 0; code < space.categorical().size(); code++) {
            int values = space.categorical().get(code);
            float[] base = new float[ROWS * size];
            space.draw(Rng.forPurpose(seed, "code-traversal"), base);
            float[] z = new float[ROWS * values * size];
            for (int r = 0; r < ROWS; r++) {
                for (int v = 0; v < values; v++) {
                    int cell = r * values + v;
                    System.arraycopy(base, r * size, z, cell * size, size);
                    space.setCategorical(z, cell, code, v);
                }
            }
            grid(dir.resolve("codes-categorical-" + code + ".png"), model, z, ROWS * values, values);
        }
        boolean byClass = !space.categorical().isEmpty();
        int rows = byClass ? space.categorical().get(0) : ROWS;
        for (int j = 0; j < space.continuous(); j++) {
            float[] base = new float[rows * size];
            space.draw(Rng.forPurpose(seed, "code-traversal"), base);
            float[] z = new float[rows * STEPS * size];
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < STEPS; s++) {
                    int cell = r * STEPS + s;
                    System.arraycopy(base, 0, z, cell * size, size);
                    if (byClass) {
                        space.setCategorical(z, cell, 0, r);
                    } else {
                        System.arraycopy(base, r * size, z, cell * size, size);
                    }
                    space.setContinuous(z, cell, j, (float) (-2 + 4.0 * s / (STEPS - 1)));
                }
            }
            grid(dir.resolve("codes-continuous-" + j + ".png"), model, z, rows * STEPS, STEPS);
        }
    }

    private static void grid(Path png, GanModel model, float[] z, int count, int columns) throws IOException {
        ImageGrid.write(png, model.generate(z, count), count, model.exampleShape(), columns);
    }
}
