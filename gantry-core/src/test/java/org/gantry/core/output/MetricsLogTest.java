package org.gantry.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainingListener.Evaluation;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    private static StepResult step(long step, double d, double real, double fake, double g) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("d_loss", d);
        v.put("d_loss_real", real);
        v.put("d_loss_fake", fake);
        v.put("g_loss", g);
        return new StepResult(step, v);
    }

    @Test
    void eachRowHoldsTheMeanOfEveryStepValueSinceThePreviousRow(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        MetricsLog log = new MetricsLog(file);
        log.onStep(step(1, 1.0, 0.25, 0.75, 2.0));
        log.onStep(step(2, 3.0, 1.0, 2.0, 4.0));
        log.onEvaluation(new Evaluation(2, Map.of("fid", 9.5), new float[0], 10, 20));
        log.onStep(step(3, 0.5, 0.5, 0.0, -1.0));
        log.onEvaluation(new Evaluation(3, Map.of(), new float[0], 0, 0));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.path("step").asLong()).isEqualTo(2);
        assertThat(first.path("fid").asDouble()).isEqualTo(9.5);
        assertThat(first.path("d_loss").asDouble()).isEqualTo(2.0);
        assertThat(first.path("d_loss_real").asDouble()).isEqualTo(0.625);
        assertThat(first.path("d_loss_fake").asDouble()).isEqualTo(1.375);
        assertThat(first.path("g_loss").asDouble()).isEqualTo(3.0);
        JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.path("d_loss").asDouble()).isEqualTo(0.5);
        assertThat(second.path("d_loss_fake").asDouble()).isEqualTo(0.0);
        assertThat(second.path("g_loss").asDouble()).isEqualTo(-1.0);
        assertThat(second.has("samples")).isFalse();
    }
}
