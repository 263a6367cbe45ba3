package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ContentionBenchTest {
    @Test
    void spinCountsReplaceTheBusyWaitAndOneThreadRowsBesideGantrysDefault() {
        assertThat(ContentionBench.settings(List.of())).isEqualTo(ContentionBench.SETTINGS);
        List<ContentionBench.Setting> rows = ContentionBench.settings(List.of(30000L, 100000L));
        assertThat(rows).extracting(ContentionBench.Setting::spinCount).containsExactly(null, "30000", "100000");
        assertThat(rows).extracting(ContentionBench.Setting::threads).containsOnly(0);
        assertThat(rows.get(1).name()).isEqualTo("all cores, GOMP_SPINCOUNT=30000");
    }

    @Test
    void aNegativeSpinCountIsRefusedBeforeAnythingRuns() {
        assertThat(new CommandLine(new ContentionBench()).execute("--spin-counts", "1000,-1")).isEqualTo(2);
    }
}
