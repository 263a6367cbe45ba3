package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MallocRetentionTest {
    private static final int BLOCK = 8 << 20;
    private static final int BLOCKS = 4;
    private static final int CYCLES = 20;
    private static final int PAGES_PER_CYCLE = BLOCKS * BLOCK / 4096;

    /**
     * Four 8 MiB blocks allocated, written and freed together, 20 times, as a step's buffers are.
     * With glibc's defaults the adaptive thresholds end at 8 MiB (mmap) and 16 MiB (trim), so the
     * 32 MiB freed at the heap's top is handed back every cycle and all 8,192 pages fault in again
     * (163,232 faults measured); kept by the allocator, 3. Other threads of the JVM fault a few pages
     * meanwhile, so the bound is one cycle's worth, far from either count.
     */
    @Test
    void aFreedBlockIsReusedWithoutFaultingItsPagesAgain() throws IOException {
        TorchEngine.start0();
        if (MallocRetention.userChose()) {
            assertThat(MallocRetention.settings()).startsWith("the user's");
            return;
        }
        assertThat(MallocRetention.settings()).isEqualTo("mmap threshold 32 MiB, trim threshold 256 MiB, top pad 64 MiB");
        cycle();
        long before = minorFaults();
        for (int i = 0; i < CYCLES; i++) {
            cycle();
        }
        long faults = minorFaults() - before;
        assertThat(faults).isLessThan(PAGES_PER_CYCLE).isGreaterThanOrEqualTo(0);
    }

    private static void cycle() {
        Memory[] blocks = new Memory[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = new Memory(BLOCK);
            blocks[i].setMemory(0, BLOCK, (byte) 1);
        }
        for (Memory block : blocks) {
            block.close();
        }
    }

    /** The process's minor page faults so far (field 10 of /proc/self/stat). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}
