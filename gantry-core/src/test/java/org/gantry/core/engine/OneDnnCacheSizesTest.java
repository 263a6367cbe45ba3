package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import java.io.IOException;
import java.util.Map;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;

class OneDnnCacheSizesTest {

    /**
     * On every machine, once the engine has started, oneDNN must size its kernels for caches a CPU
     * can have: read from CPUID where the hypervisor fills it in, oneDNN's defaults where it does not.
     * On the Zen 5 of issue 15 this failed (1 byte per level) before the correction.
     */
    @Test
    void oneDnnSeesPlausibleCachesAfterTheEngineStarts() throws IOException {
        TorchEngine.start0();
        long[] sizes = OneDnnCacheSizes.perCoreSizes();
        String state = OneDnnCacheSizes.state();
        if (state.contains(OneDnnCacheSizes.ENV + "=as-read")) {
            assertThat(sizes[0]).isLessThan(OneDnnCacheSizes.PLAUSIBLE_L1);
            return;
        }
        assertThat(sizes[0]).as(state).isBetween((long) OneDnnCacheSizes.PLAUSIBLE_L1, 4L << 20);
        assertThat(sizes[1]).as(state).isGreaterThanOrEqualTo(sizes[0]);
        assertThat(TorchEngine.nativeMath().get("onednn_cache_sizes")).isEqualTo(state);
        if (state.startsWith("oneDNN's defaults")) {
            assertThat(sizes).containsExactly(32L << 10, 512L << 10, 1L << 20);
        }
    }

    /** The record the empty leaf leaves on the Zen 5 (family 26, model 2, stepping 1), laid out as Xbyak 7.05 does. */
    private static Memory zen5Record() {
        Memory record = new Memory(160);
        record.clear();
        for (int i = 0; i < 3; i++) {
            record.setInt(OneDnnCacheSizes.SIZES + 4L * i, 1);
            record.setInt(OneDnnCacheSizes.SHARING + 4L * i, 1);
        }
        record.setInt(OneDnnCacheSizes.LEVELS, 3);
        record.setInt(OneDnnCacheSizes.FAMILY, 26);
        record.setInt(OneDnnCacheSizes.MODEL, 2);
        record.setInt(OneDnnCacheSizes.STEPPING, 1);
        return record;
    }

    private static final Map<String, String> ZEN5 = Map.of("cpu family", "26", "model", "2", "stepping", "1");

    @Test
    void onlyTheRecordTheEmptyLeafProducesIsAccepted() {
        long[] read = {1, 1, 1};
        try (Memory record = zen5Record()) {
            assertThat(OneDnnCacheSizes.layoutMismatch(record, read, ZEN5)).isNull();
            assertThat(OneDnnCacheSizes.layoutMismatch(record, read, Map.of("cpu family", "25", "model", "2",
                    "stepping", "1"))).contains("cpu family 26").contains("gives 25");
            assertThat(OneDnnCacheSizes.layoutMismatch(record, new long[] {1, 2, 1}, ZEN5))
                    .contains("level 2").contains("reports 2 per core");
            record.setInt(OneDnnCacheSizes.LEVELS, 2);
            assertThat(OneDnnCacheSizes.layoutMismatch(record, read, ZEN5)).contains("2 levels");
        }
        try (Memory record = zen5Record()) {
            record.setInt(OneDnnCacheSizes.SHARING, 0);
            assertThat(OneDnnCacheSizes.layoutMismatch(record, read, ZEN5)).contains("shared by 0");
        }
    }

    @Test
    void sizesAreDescribedInBinaryUnits() {
        assertThat(OneDnnCacheSizes.describe(new long[] {32 << 10, 512 << 10, 1 << 20}))
                .isEqualTo("L1 32 KiB, L2 512 KiB, L3 1 MiB per core");
        assertThat(OneDnnCacheSizes.describe(new long[] {1, 1500, 48 << 10})).isEqualTo("L1 1 B, L2 1500 B, L3 48 KiB per core");
    }

    @Test
    void theSettingIsValidated() {
        assertThat(OneDnnCacheSizes.keepAsRead(null)).isFalse();
        assertThat(OneDnnCacheSizes.keepAsRead("corrected")).isFalse();
        assertThat(OneDnnCacheSizes.keepAsRead("as-read")).isTrue();
        assertThatThrownBy(() -> OneDnnCacheSizes.keepAsRead("off")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(OneDnnCacheSizes.ENV + "=off").hasMessageContaining("'corrected'")
                .hasMessageContaining("'as-read'");
    }
}
