package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Every branch of the choice between oneDNN and ATen, with the checks replaced by fixed answers. */
class ConvolutionPathTest {
    private static final ConvolutionVerdicts.Verdict RIGHT = new ConvolutionVerdicts.Verdict(List.of(), 12.5,
            "2026-12-03T08:00:00Z", "cached in /c/engine/convolution-check-00.json");
    private final AtomicInteger calls = new AtomicInteger();

    private <T> Supplier<T> counted(T answer) {
        return () -> {
            calls.incrementAndGet();
            return answer;
        };
    }

    @Test
    void oneDnnOnlyWhenBothChecksPassAndTheDescriptionSaysWhereTheLayerVerdictCameFrom() {
        for (String setting : new String[] {null, "checked"}) {
            ConvolutionPath.Choice c = ConvolutionPath.choose(setting, counted(List.of()), counted(RIGHT));
            assertThat(c.oneDnn()).isTrue();
            assertThat(c.description()).startsWith("oneDNN (right in 288 small shapes now")
                    .contains("61 network layers at batch 16, 2026-12-03T08:00:00Z, 12.5 s, cached in /c/engine");
        }
        assertThat(calls).hasValue(4);
    }

    @Test
    void atenWhenAskedWithoutRunningAnyCheck() {
        ConvolutionPath.Choice c = ConvolutionPath.choose("aten", counted(List.of()), counted(RIGHT));
        assertThat(c.oneDnn()).isFalse();
        assertThat(c.description()).isEqualTo("ATen im2col (GANTRY_CONVOLUTIONS=aten)");
        assertThat(calls).hasValue(0);
    }

    @Test
    void atenWhenASmallShapeFailsWithoutAskingForTheLayerVerdict() {
        ConvolutionPath.Choice c = ConvolutionPath.choose(null,
                counted(List.of("n3 in16 out8 8x8 k3 s1 p1 input gradient error Infinity", "another")), counted(RIGHT));
        assertThat(c.oneDnn()).isFalse();
        assertThat(c.description()).isEqualTo("ATen im2col (oneDNN wrong in 2 of 2880 small-shape checks, e.g."
                + " n3 in16 out8 8x8 k3 s1 p1 input gradient error Infinity)");
        assertThat(calls).hasValue(1);
    }

    @Test
    void atenWhenANetworkLayerFailsEvenIfTheVerdictIsCached() {
        ConvolutionVerdicts.Verdict wrong = new ConvolutionVerdicts.Verdict(
                List.of("n16 in128 out128 32x32 k3 s1 p1 output error 0.5"), 17.0, "2026-12-01T10:00:00Z", "cached in x");
        ConvolutionPath.Choice c = ConvolutionPath.choose(null, counted(List.of()), counted(wrong));
        assertThat(c.oneDnn()).isFalse();
        assertThat(c.description()).startsWith("ATen im2col (oneDNN wrong in 1 of 610 checks of the 61 network layers")
                .endsWith("e.g. n16 in128 out128 32x32 k3 s1 p1 output error 0.5)");
    }

    @Test
    void atenWithTheReasonWhenACheckCannotRun() {
        Supplier<List<String>> broken = () -> {
            throw new IllegalStateException("no convolution");
        };
        ConvolutionPath.Choice c = ConvolutionPath.choose(null, broken, counted(RIGHT));
        assertThat(c.oneDnn()).isFalse();
        assertThat(c.description()).isEqualTo(
                "ATen im2col (the convolution check could not run: java.lang.IllegalStateException: no convolution)");
    }

    @Test
    void anUnknownSettingIsAnErrorNamingTheVariableAndTheAllowedValues() {
        assertThatThrownBy(() -> ConvolutionPath.choose("onednn", counted(List.of()), counted(RIGHT)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_CONVOLUTIONS=onednn is not allowed")
                .hasMessageContaining("'checked'").hasMessageContaining("'aten'");
        assertThat(calls).hasValue(0);
    }
}
