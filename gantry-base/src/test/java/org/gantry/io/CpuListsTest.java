package org.gantry.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuListsTest {

    @Test
    void listsAreReadAsTheKernelWritesThem() {
        assertThat(CpuLists.parse("0-3,6,8-9")).containsExactly(0, 1, 2, 3, 6, 8, 9);
        assertThat(CpuLists.parse("5")).containsExactly(5);
        assertThat(CpuLists.parse("0-1")).containsExactly(0, 1);
        assertThat(CpuLists.parse("0-2,5,8-9")).containsExactly(0, 1, 2, 5, 8, 9);
        for (String bad : List.of("", "a", "3-1", "1-2-3", "-1")) {
            assertThatThrownBy(() -> CpuLists.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not a list of CPUs");
        }
    }
}
