package org.gantry.core.engine;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** libtorch's shared libraries as DJL loaded them, for the few calls DJL has no binding for (through JNA). */
final class NativeLibraries {
    static final String TORCH = "libtorch_cpu.so";
    static final String C10 = "libc10.so";

    private NativeLibraries() {}

    /**
     * A library that DJL loaded into this process, opened by its mapped path: the JVM loads native
     * libraries without exporting their symbols, so a process-wide look-up cannot see them.
     */
    static NativeLibrary loaded(String name) {
        return LOADED.computeIfAbsent(name, NativeLibraries::find);
    }

    /** Each library's mapped path is looked up once: a library stays where it was loaded. */
    private static final Map<String, NativeLibrary> LOADED = new ConcurrentHashMap<>();

    /** Whether a library of that file name is mapped into this process. */
    static boolean isLoaded(String name) {
        return mappedPath(name) != null;
    }

    private static NativeLibrary find(String name) {
        String path = mappedPath(name);
        if (path == null) {
            throw new IllegalStateException(name + " is not loaded in this process (Gantry needs DJL's CPU libtorch on"
                    + " Linux)");
        }
        return NativeLibrary.getInstance(path);
    }

    private static String mappedPath(String name) {
        return mapped(file -> file.equals(name));
    }

    /**
     * The first mapped library whose file name starts with {@code prefix}, or null: for a library
     * whose name carries a build hash (libtorch's {@code libgomp-98b21ff3.so.1}).
     */
    static Path mappedPathStartingWith(String prefix) {
        String path = mapped(file -> file.startsWith(prefix));
        return path == null ? null : Path.of(path);
    }

    private static String mapped(Predicate<String> fileName) {
        Path maps = Path.of("/proc/self/maps");
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && fileName.test(line.substring(line.lastIndexOf('/') + 1))) {
                    return line.substring(slash);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + maps + " to find libtorch: " + e.getMessage(), e);
        }
        return null;
    }

    /**
     * Calls a C++ function without arguments that returns a {@code std::string} (libstdc++'s layout:
     * data pointer, then length) and copies the text. The caller's slot for the result is passed as
     * the hidden first argument, as the x86-64 System V ABI does for such returns. The string's own
     * heap block (texts longer than 15 bytes) is not freed: these are read once per process.
     */
    static String cxxString(NativeLibrary library, String symbol) {
        try (Memory slot = new Memory(32)) {
            slot.clear();
            library.getFunction(symbol).invokeVoid(new Object[] {slot});
            Pointer data = slot.getPointer(0);
            long length = slot.getLong(8);
            if (data == null || length < 0 || length > 1 << 20) {
                throw new IllegalStateException(symbol + " returned no readable string");
            }
            return new String(data.getByteArray(0, (int) length), StandardCharsets.UTF_8);
        }
    }
}
