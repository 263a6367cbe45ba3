package org.gantry.core.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.gantry.data.FileDigest;

/**
 * libgomp's busy-wait before an idle OpenMP thread sleeps ({@code gomp_spin_count_var}), read and
 * written while the process runs.
 *
 * <p>libgomp parses {@code GOMP_SPINCOUNT} once, when it loads, into that variable, and reads the
 * variable again each time a thread starts to wait; it offers no call to change it. The library
 * DJL ships lists no local symbols, so the variable's place comes from reading the code of one
 * known build: its start-up parser stores the parsed count at that address, and the inlined wait
 * loop of every lock and barrier loads it from there. A library whose SHA-256 is not in
 * {@link #KNOWN} is left alone, and so is a known one where the address does not hold the count
 * the environment gave (a second check that the layout is the one read).
 */
final class OpenMpSpinCount {
    /** SHA-256 of a libgomp build to the address of its spin count relative to the load address. */
    static final Map<String, Long> KNOWN = Map.of(
            // libgomp-98b21ff3.so.1 of DJL's CPU libtorch 2.7.1 (build ID 4c54e52f5c58cdda349cf2b8a47b4a09814a0d70):
            // 0x416d8 is stored by initialize_env (300,000 where GOMP_SPINCOUNT is unset) and loaded by do_spin.
            "6b254201cafdc5389580d77139398a298f63ce3b139cfbcceade961ac0d721cb", 0x416d8L);
    /** An exported function of the library, whose address gives its load address. */
    private static final String ANCHOR = "omp_get_max_threads";
    private static final String PREFIX = "libgomp";

    private final Pointer count;

    private OpenMpSpinCount(Pointer count) {
        this.count = count;
    }

    /** The spin count libgomp waits with now. */
    long get() {
        return count.getLong(0);
    }

    /**
     * Sets the spin count the next wait starts with. A plain aligned eight-byte store: a thread in
     * the middle of a wait keeps the count it started with.
     */
    void set(long spins) {
        if (spins < 0) {
            throw new IllegalArgumentException("spin count " + spins + " is negative");
        }
        count.setLong(0, spins);
    }

    /** The located variable, or why there is none. */
    record Located(OpenMpSpinCount spin, String missing) {}

    /**
     * Finds the spin count of the libgomp loaded in this process, which must hold {@code expected}
     * (the value {@code GOMP_SPINCOUNT} was set to before the library loaded).
     */
    static Located locate(long expected) {
        Path file = NativeLibraries.mappedPathStartingWith(PREFIX);
        if (file == null) {
            return new Located(null, "no " + PREFIX + " is loaded in this process");
        }
        try {
            String sha = FileDigest.hexDigest("SHA-256", file);
            Long address = KNOWN.get(sha);
            if (address == null) {
                return new Located(null, file.getFileName() + " is a build Gantry has not read (SHA-256 " + sha + ")");
            }
            Long anchor = ElfSymbols.values(file, Set.of(ANCHOR)).get(ANCHOR);
            if (anchor == null) {
                return new Located(null, file.getFileName() + " does not export " + ANCHOR);
            }
            NativeLibrary library = NativeLibrary.getInstance(file.toString());
            long base = Pointer.nativeValue(library.getFunction(ANCHOR)) - anchor;
            OpenMpSpinCount spin = new OpenMpSpinCount(new Pointer(base + address));
            long found = spin.get();
            if (found != expected) {
                return new Located(null, file.getFileName() + " holds " + found + " where its spin count should be, not"
                        + " the " + expected + " it was started with");
            }
            return new Located(spin, null);
        } catch (IOException | RuntimeException e) {
            return new Located(null, "could not read " + file + ": " + e.getMessage());
        }
    }
}
