package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfSymbolsTest {

    /**
     * Exported functions are found by the dynamic linker too: the distance between two of them in
     * memory must be the distance between their values in the file. A local symbol is found as well
     * (the dynamic linker cannot see it); a made-up name is not.
     */
    @Test
    void valuesAgreeWithTheDynamicLinkersAddressesAndIncludeLocalSymbols() throws IOException {
        TorchEngine.start0();
        NativeLibrary torch = NativeLibraries.loaded(NativeLibraries.TORCH);
        String context = "_ZN2at13globalContextEv";
        String mkldnnSwitch = "_ZN2at7Context20setUserEnabledMkldnnEb";
        String local = "_ZZN4dnnl4impl3cpu3x643cpuEvE4cpu_";
        Map<String, Long> values = ElfSymbols.values(torch.getFile().toPath(),
                Set.of(context, mkldnnSwitch, local, "no_such_symbol_in_libtorch"));

        assertThat(values).containsOnlyKeys(context, mkldnnSwitch, local);
        long inMemory = Pointer.nativeValue(torch.getFunction(mkldnnSwitch)) - Pointer.nativeValue(torch.getFunction(context));
        assertThat(values.get(mkldnnSwitch) - values.get(context)).isEqualTo(inMemory).isNotZero();
    }

    @Test
    void aFileThatIsNotElfIsRefusedByName(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.so"), "not an ELF file, only long enough to hold a header"
                + " of sixty-four bytes");
        assertThatThrownBy(() -> ElfSymbols.values(text, Set.of("x")))
                .isInstanceOf(IOException.class).hasMessageContaining("notes.so").hasMessageContaining("ELF");
    }
}
