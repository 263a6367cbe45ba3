package org.gantry.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.TreeMap;

/**
 * A DJL optimizer whose per-parameter state (moments, step counts) can be written to a checkpoint
 * and read back, which DJL's own optimizers do not allow. State is keyed by DJL's parameter id
 * while training; checkpoints key it by the parameter's stable name in its block.
 */
public abstract class StatefulOptimizer extends Optimizer {
    private final Map<String, NDArray[]> slots = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final int slotCount;
    private final Map<String, String> names = new HashMap<>();

    protected StatefulOptimizer(int slotCount) {
        super(new NoOptions());
        this.slotCount = slotCount;
    }

    /**
     * Gives the parameters' stable names (their paths in the block) by DJL id. DJL's ids are
     * random per process and its parameter server updates in no fixed order, so whatever an
     * optimizer derives per parameter (a noise stream) must be keyed by these names.
     */
    public void nameParameters(Map<String, String> idToName) {
        names.putAll(idToName);
    }

    /** The parameter's stable name, or its id where none was given (an optimizer used without a network). */
    protected String stableName(String parameterId) {
        return names.getOrDefault(parameterId, parameterId);
    }

    /**
     * Updates several parameters in one call: {@code ids}, {@code weights} and {@code grads} are
     * parallel lists. A network hands its optimizer all its parameters this way at each update. By
     * default one {@code update} each, in the order given; an optimizer with a kernel over many
     * arrays overrides it.
     */
    public void updateAll(List<String> ids, List<NDArray> weights, List<NDArray> grads) {
        for (int i = 0; i < ids.size(); i++) {
            update(ids.get(i), weights.get(i), grads.get(i));
        }
    }

    /** This parameter's update count so far (0 before its first update). */
    protected int count(String parameterId) {
        return counts.getOrDefault(parameterId, 0);
    }

    /** Increments and returns this parameter's update count (1 on its first update). */
    protected int nextCount(String parameterId) {
        return counts.merge(parameterId, 1, Integer::sum);
    }

    /** This parameter's state arrays, created as zeros on first use. */
    protected NDArray[] slots(String parameterId, NDArray weight) {
        return slots.computeIfAbsent(parameterId, k -> {
            NDArray[] s = new NDArray[slotCount];
            for (int i = 0; i < slotCount; i++) {
                s[i] = weight.zerosLike();
            }
            return s;
        });
    }

    /** Writes the state of the parameters named in {@code idToName} (id → stable name). */
    public void save(DataOutputStream out, Map<String, String> idToName) throws IOException {
        Map<String, String> nameToId = new TreeMap<>();
        idToName.forEach((id, name) -> {
            if (slots.containsKey(id) || counts.containsKey(id)) {
                nameToId.put(name, id);
            }
        });
        out.writeInt(slotCount);
        out.writeInt(nameToId.size());
        for (Map.Entry<String, String> e : nameToId.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(counts.getOrDefault(e.getValue(), 0));
            NDArray[] s = slots.get(e.getValue());
            out.writeBoolean(s != null);
            if (s != null) {
                for (NDArray a : s) {
                    byte[] bytes = a.encode();
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        }
    }

    /**
     * Reorders the state arrays of parameters whose load reordered them (by parameter id, each
     * reorder in place), so the moments stay aligned with their parameters' elements.
     */
    public void reorder(Map<String, Consumer<NDArray>> reorders) {
        slots.forEach((id, s) -> {
            Consumer<NDArray> r = reorders.get(id);
            if (r != null) {
                for (NDArray a : s) {
                    r.accept(a);
                }
            }
        });
    }

    /** Restores state written by {@link #save}; {@code nameToId} maps stable names to current ids. */
    public void load(DataInputStream in, Map<String, String> nameToId, NDManager manager) throws IOException {
        int storedSlots = in.readInt();
        if (storedSlots != slotCount) {
            throw new IOException("checkpoint optimizer has " + storedSlots + " state arrays per parameter, this one "
                    + slotCount + " (was the optimizer changed?)");
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String id = nameToId.get(name);
            if (id == null) {
                throw new IOException("checkpoint has optimizer state for unknown parameter " + name);
            }
            names.put(id, name);
            counts.put(id, in.readInt());
            if (in.readBoolean()) {
                NDArray[] s = new NDArray[slotCount];
                for (int j = 0; j < slotCount; j++) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    s[j] = manager.decode(bytes);
                }
                NDArray[] old = slots.put(id, s);
                if (old != null) {
                    for (NDArray a : old) {
                        a.close();
                    }
                }
            }
        }
    }

    /** DJL's base class wants a builder; Gantry's optimizers take their options directly. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
