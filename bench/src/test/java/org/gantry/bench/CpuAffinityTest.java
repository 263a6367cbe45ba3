package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CPU lists, thread ids and pinning through taskset, read back from the kernel's own account. */
class CpuAffinityTest {

    @Test
    void eachThreadHasItsOwnIdAndTheMainOneDiffersFromAHelper() throws Exception {
        long own = CpuAffinity.currentThreadId();
        AtomicLong other = new AtomicLong();
        Thread t = new Thread(() -> {
            try {
                other.set(CpuAffinity.currentThreadId());
            } catch (Exception e) {
                other.set(-1);
            }
        });
        t.start();
        t.join();
        assertThat(own).isPositive();
        assertThat(other.get()).isPositive().isNotEqualTo(own);
        assertThat(Files.isDirectory(Path.of("/proc/self/task/" + own))).isTrue();
    }

    @Test
    void aPinnedThreadRunsOnItsCpuOnlyAndTheOthersKeepTheirs() throws Exception {
        List<Integer> allowed = CpuAffinity.allowed();
        String all = allowed.stream().map(String::valueOf).collect(Collectors.joining(","));
        int last = allowed.get(allowed.size() - 1);
        AtomicLong helperCpus = new AtomicLong();
        try {
            CpuAffinity.pinCurrentThread(String.valueOf(last));
            assertThat(CpuAffinity.allowedForCurrentThread()).containsExactly(last);
            Thread t = new Thread(() -> {
                try {
                    helperCpus.set(CpuAffinity.allowedForCurrentThread().size());
                } catch (Exception e) {
                    helperCpus.set(-1);
                }
            });
            t.start();
            t.join();
        } finally {
            CpuAffinity.pinCurrentThread(all);
        }
        assertThat(CpuAffinity.allowedForCurrentThread()).isEqualTo(allowed);
        // a thread started while this one was pinned inherits its CPU, as the kernel does for any thread
        assertThat(helperCpus.get()).isEqualTo(1);
    }

    @Test
    void aCpuNobodyHasIsRefusedByTaskset() {
        assertThatThrownBy(() -> CpuAffinity.pinCurrentThread("4095")).hasMessageContaining("taskset -p -c 4095")
                .hasMessageContaining("failed");
    }
}
