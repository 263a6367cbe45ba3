package org.gantry.data;

import java.nio.ByteBuffer;
import org.gantry.random.Rng;

/**
 * Draws mini-batches by passing over a shuffled order of the data, reshuffling at each epoch end.
 * Its state (the random state that produced the current order, and the position in it) fits in a
 * few bytes, so a resumed run continues the same order.
 */
public final class EpochSampler {
    private final Rng rng;
    private final int[] order;
    private byte[] stateBeforeShuffle;
    private int position;

    public EpochSampler(int size, Rng rng) {
        this.rng = rng;
        this.order = new int[size];
        reshuffle();
    }

    private void reshuffle() {
        stateBeforeShuffle = rng.saveState();
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        position = 0;
    }

    /** The next {@code batch} indices; a batch that crosses an epoch end continues in the new order. */
    public int[] next(int batch) {
        int[] out = new int[batch];
        next(out);
        return out;
    }

    /** Fills {@code out} with the next {@code out.length} indices, as {@link #next(int)} would return them. */
    public void next(int[] out) {
        for (int i = 0; i < out.length; i++) {
            if (position == order.length) {
                reshuffle();
            }
            out[i] = order[position++];
        }
    }

    public byte[] saveState() {
        ByteBuffer b = ByteBuffer.allocate(8 + stateBeforeShuffle.length);
        b.putInt(position).putInt(stateBeforeShuffle.length).put(stateBeforeShuffle);
        return b.array();
    }

    public void restoreState(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        int pos = b.getInt();
        byte[] s = new byte[b.getInt()];
        b.get(s);
        rng.restoreState(s);
        reshuffle();
        position = pos;
    }
}
