package org.gantry.core.nn.layer;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;

/**
 * The linear pieces of a layer of maxout units (Goodfellow et al. 2013): {@code x Wᵀ + b} gives
 * every piece of every unit, and {@link #maximum} takes each unit's largest piece.
 *
 * <p>The pieces are stored piece-major: output p·units + u is piece p of unit u. A batch's pieces
 * then read, without a copy, as one channels-last image with the units as channels and batch ×
 * pieces as height × width, and the maximum is libtorch's max pooling over the width, vectorised
 * over the units in both passes. ATen's maximum over a trailing axis of unit-major pieces loops
 * over each unit's pieces with an index and scatters its gradient back; pooling instead made the
 * PacGAN ring's one-thread step 7.8 % faster (docs/RESULTS.md, issue 19).
 *
 * <p>Gantry stored the same parameters unit-major (row u·pieces + p) in a {@link DenseLayer}
 * before, block version 1: such checkpoints are read and their rows reordered ({@link
 * #takeReorders} tells the network, which reorders the optimizer's and historical averaging's
 * state of the same parameters). The layer keeps the dense layer's name in its sequence ({@link
 * #sequenceName}), so the parameters' names in checkpoints stay as they were. The default initialisation draws the rows
 * in that order too and reorders them, so a seed gives the network it gave before.
 */
public final class MaxoutPieces extends WeightLayer {
    private static final byte UNIT_MAJOR = 1;
    private static final byte PIECE_MAJOR = 2;
    private final int units;
    private final int pieces;
    /** Whether the last load read unit-major rows and reordered them, until {@link #takeReorders}. */
    private boolean readUnitMajor;

    public MaxoutPieces(long in, int units, int pieces, WeightForm form) {
        super(new Shape((long) units * pieces, in), form, PIECE_MAJOR);
        if (units < 1 || pieces < 1) {
            throw new IllegalArgumentException("maxout needs at least one unit and one piece: " + units + " units, "
                    + pieces + " pieces");
        }
        this.units = units;
        this.pieces = pieces;
    }

    @Override
    NDArray apply(NDArray x, NDArray w, NDArray b) {
        return DenseLayer.product(x, w, b);
    }

    /** The dense layer's name, which checkpoints written before this layer name its parameters by. */
    @Override
    String sequenceName() {
        return DenseLayer.class.getSimpleName();
    }

    /**
     * Each unit's largest piece: (batch, units) from this layer's (batch, pieces × units) output.
     * Ties go to the first piece, as ATen's maximum over an axis gives them, and so does the gradient.
     */
    public static NDArray maximum(NDArray piecesOut, int units, int pieces) {
        long batch = piecesOut.getShape().get(0);
        // (1, units, batch, pieces) with the units' stride 1: libtorch picks its channels-last
        // kernels, and the gradient it gets back is channels-last too (no size-1 axis makes the
        // layout ambiguous, which would send the backward pass to the copying kernel).
        NDArray image = piecesOut.reshape(1, batch, pieces, units).transpose(0, 3, 1, 2);
        NDArray pooled = image.getNDArrayInternal().maxPool(new Shape(1, pieces), new Shape(1, pieces),
                new Shape(0, 0), false);
        return pooled.transpose(0, 2, 3, 1).reshape(batch, units);
    }

    @Override
    public void initialise(Rng rng) {
        super.initialise(rng);
        // Initialisation.pytorchDefault drew the rows unit-major, as for the dense layer before.
        reorderToPieceMajor();
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream in) throws IOException, MalformedModelException {
        if (loadVersion != UNIT_MAJOR && loadVersion != PIECE_MAJOR) {
            throw new MalformedModelException("cannot load a maxout layer of block version " + loadVersion
                    + "; this Gantry reads versions " + UNIT_MAJOR + " (unit-major pieces) and " + PIECE_MAJOR
                    + " (piece-major)");
        }
        readInputShapes(in);
        readUnitMajor = loadVersion == UNIT_MAJOR;
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream in) throws IOException, MalformedModelException {
        super.loadParameters(manager, in);
        if (readUnitMajor) {
            reorderToPieceMajor();
        }
    }

    /**
     * The reorder the last load applied to each of this layer's parameters, by parameter id, then
     * forgets them: state kept per parameter elsewhere, in the old layout, must follow. Empty when
     * nothing was read in the old layout.
     */
    public Map<String, Consumer<NDArray>> takeReorders() {
        Map<String, Consumer<NDArray>> taken = new HashMap<>();
        if (readUnitMajor) {
            for (Parameter p : getDirectParameters().values()) {
                taken.put(p.getId(), this::toPieceMajor);
            }
            readUnitMajor = false;
        }
        return taken;
    }

    /** Moves every per-output parameter (weight rows, bias, and any norm's vectors) from unit-major to piece-major. */
    private void reorderToPieceMajor() {
        for (Parameter p : getDirectParameters().values()) {
            toPieceMajor(p.getArray());
        }
    }

    /** Reorders, in place, an array shaped like one of this layer's parameters from unit-major rows to piece-major. */
    private void toPieceMajor(NDArray a) {
        try (NDManager scope = a.getManager().newSubManager()) {
            NDArray view = a.reshape(units, pieces, -1);
            view.attach(scope);
            NDArray reordered = view.transpose(1, 0, 2).reshape(a.getShape());
            reordered.attach(scope);
            TorchEngine.assign(a, reordered);
        }
    }
}
