package org.gantry.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.core.api.Origin;

/**
 * The opening fields of the JSON record written beside drawn samples or curves: where they came
 * from, enough to draw them again.
 */
final class OriginFields {
    private OriginFields() {}

    /** run, data, shape, checkpoint, step and seed, in that order; the caller adds its own fields after them. */
    static Map<String, Object> of(Path run, Origin origin) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.toAbsolutePath().toString());
        record.put("data", origin.data());
        record.put("shape", origin.shape());
        record.put("checkpoint", origin.checkpoint().toAbsolutePath().toString());
        record.put("step", origin.step());
        record.put("seed", origin.seed());
        return record;
    }
}
