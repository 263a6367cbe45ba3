package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PageFaultsTest {
    @Test
    void readsTheTenthFieldPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 98765 0 12 0 300 40 0 0 20 0 31 0";
        assertThat(PageFaults.parseMinor(stat)).isEqualTo(98765);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void countsTheFaultsOfFreshlyZeroedNativeMemory() {
        PageFaults faults = new PageFaults(ProcessHandle.current().pid());
        faults.begin();
        // 64 MiB of native memory that the JVM zeroes on allocation: every page of it is touched, so
        // at least 32 faults even with 2 MiB transparent huge pages, 16,384 with 4 KiB pages; the
        // upper bound leaves room for the JVM's own threads faulting meanwhile.
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 20);
        faults.end();
        assertThat(buffer.get(buffer.capacity() - 1)).isZero();
        assertThat(faults.perStep(1)).isBetween(32.0, 100_000.0);
        assertThat(faults.perStep(2)).isEqualTo(faults.perStep(1) / 2);
    }

    @Test
    void aProcessThatCannotBeReadGivesNoCount() {
        PageFaults faults = new PageFaults(-5);
        faults.begin();
        faults.end();
        assertThat(faults.perStep(1)).isNaN();
    }
}
