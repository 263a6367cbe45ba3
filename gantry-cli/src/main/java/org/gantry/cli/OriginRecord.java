package org.gantry.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.core.api.Origin;

/** The opening fields of the JSON record written beside drawn samples or curves: enough to draw them again. */
final class OriginRecord {
    private OriginRecord() {}

    /** run, checkpoint, step and seed, in that order; the caller adds its own fields after them. */
    static Map<String, Object> of(Path run, Origin origin) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.toAbsolutePath().toString());
        record.put("checkpoint", origin.checkpoint().toAbsolutePath().toString());
        record.put("step", origin.step());
        record.put("seed", origin.seed());
        return record;
    }
}
