package org.gantry.core.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.gantry.config.ConfigException;

/**
 * The data-cache sizes oneDNN sizes its convolution kernels by, corrected where libtorch's copy of
 * oneDNN reads nonsense.
 *
 * <p>oneDNN 3.7.1 in DJL's libtorch 2.7.1 asks its bundled Xbyak for the caches. On AMD processors
 * that Xbyak reads three levels from CPUID leaf 0x8000001D without checking that the leaf is filled
 * in (Xbyak fixed this upstream in February 2024: it now stops at the first empty entry). Some
 * hypervisors leave the leaf empty; on the AMD EPYC Zen 5 where issue 15 found oneDNN's
 * convolutions wrong, every level then came out as 1 byte per core, and oneDNN blocked its kernels
 * for 1-byte caches: wrong input gradients whenever the output channels were not a multiple of the
 * vector block, wrong outputs with 17 input channels, NaN from padded lanes. With oneDNN's own
 * defaults for unknown caches (32 KiB, 512 KiB and 1 MiB per core, what it takes when Xbyak finds
 * no levels, as the fixed Xbyak does there) the same build computed all 216 small shapes and 46
 * network layers of {@link ConvolutionCheck} right on that machine (docs/RESULTS.md, issue 19,
 * eleventh session).
 *
 * <p>So when oneDNN reports less than {@link #PLAUSIBLE_L1} bytes of first-level cache per core and
 * Xbyak's record holds exactly the values the empty leaf produces, its level count is set to 0,
 * once, after libtorch loads and before any convolution runs; oneDNN then uses its defaults. The
 * convolution checks still decide whether oneDNN computes Gantry's convolutions. Anything else
 * (another layout, another library build, symbols stripped) leaves oneDNN as it is. Setting
 * {@code GANTRY_ONEDNN_CACHES=as-read} keeps what Xbyak read, to reproduce the fault.
 */
final class OneDnnCacheSizes {
    static final String ENV = "GANTRY_ONEDNN_CACHES";
    /** Less first-level cache than this per core is no cache a CPU has had since the 1990s. */
    static final int PLAUSIBLE_L1 = 4096;

    /** {@code dnnl::impl::cpu::x64::cpu()::cpu_}, oneDNN's Xbyak::util::Cpu record. */
    private static final String XBYAK_CPU = "_ZZN4dnnl4impl3cpu3x643cpuEvE4cpu_";
    /** {@code dnnl::impl::cpu::platform::get_per_core_cache_size(int)}. */
    private static final String PER_CORE = "_ZN4dnnl4impl3cpu8platform23get_per_core_cache_sizeEi";
    /** An exported function of the same library, whose address gives the library's load address. */
    private static final String ANCHOR = "_ZN2at13globalContextEv";

    /** Byte offsets in Xbyak 7.05's Cpu record (the version oneDNN 3.7 bundles), checked before use. */
    static final int SIZES = 28;
    static final int SHARING = 68;
    static final int LEVELS = 108;
    static final int STEPPING = 124;
    static final int FAMILY = 136;
    static final int MODEL = 140;
    private static final int READ_LEVELS = 3;

    private static String state = "not checked";

    private OneDnnCacheSizes() {}

    /** Corrects the sizes where described above; libtorch must be loaded and no convolution run yet. */
    static synchronized void correct() {
        boolean keep = keepAsRead(System.getenv(ENV));
        if (!"AuthenticAMD".equals(CpuInfo.vendor())) {
            state = "as oneDNN read them (" + CpuInfo.vendor() + ")";
            return;
        }
        try {
            state = correct(keep);
        } catch (IOException | RuntimeException e) {
            state = "as oneDNN read them (could not check: " + e.getMessage() + ")";
        }
    }

    /** What oneDNN sizes its kernels by in this process and why, for provenance. */
    static synchronized String state() {
        return state;
    }

    /**
     * Whether {@code setting}, the value of {@link #ENV} ({@code null} when unset), keeps Xbyak's reading.
     *
     * @throws ConfigException for a value other than 'corrected' and 'as-read', naming both
     */
    static boolean keepAsRead(String setting) {
        if (setting != null && !setting.equals("corrected") && !setting.equals("as-read")) {
            throw new ConfigException("environment variable " + ENV + "=" + setting + " is not allowed: 'corrected' (the"
                    + " default: oneDNN's own sizes for unknown caches where it read implausible ones) or 'as-read'");
        }
        return "as-read".equals(setting);
    }

    private static String correct(boolean keep) throws IOException {
        Xbyak x = Xbyak.locate();
        if (x.missing() != null) {
            return "as oneDNN read them (" + x.missing() + ")";
        }
        long[] read = perCoreSizes(x.perCore());
        if (read[0] >= PLAUSIBLE_L1) {
            return "as oneDNN read them: " + describe(read);
        }
        String mismatch = layoutMismatch(x.record(), read, CpuInfo.fields());
        if (mismatch != null) {
            return "as oneDNN read them: " + describe(read) + " (not corrected: " + mismatch + ")";
        }
        if (keep) {
            return "as oneDNN read them: " + describe(read) + " (" + ENV + "=as-read)";
        }
        x.record().setInt(LEVELS, 0);
        long[] now = perCoreSizes(x.perCore());
        if (now[0] < PLAUSIBLE_L1) {
            x.record().setInt(LEVELS, READ_LEVELS);
            return "as oneDNN read them: " + describe(read) + " (oneDNN kept them after the correction)";
        }
        return "oneDNN's defaults for unknown caches, " + describe(now) + ", in place of the " + describe(read)
                + " its Xbyak read from an empty CPUID leaf 0x8000001D";
    }

    /** The first three cache levels' sizes per core as oneDNN reports them now, in bytes. */
    static long[] perCoreSizes() throws IOException {
        Xbyak x = Xbyak.locate();
        if (x.missing() != null) {
            throw new IOException(x.missing());
        }
        return perCoreSizes(x.perCore());
    }

    /**
     * oneDNN's Xbyak record and its per-core size function in this process, or why they were not
     * found ({@code missing} not null).
     */
    private record Xbyak(Pointer record, Function perCore, String missing) {
        static Xbyak locate() throws IOException {
            NativeLibrary torch = NativeLibraries.loaded(NativeLibraries.TORCH);
            Set<String> names = Set.of(XBYAK_CPU, PER_CORE, ANCHOR);
            Map<String, Long> symbols = ElfSymbols.values(torch.getFile().toPath(), names);
            if (symbols.size() < names.size()) {
                return new Xbyak(null, null, torch.getFile() + " does not list "
                        + names.stream().filter(s -> !symbols.containsKey(s)).sorted().toList());
            }
            long base = Pointer.nativeValue(torch.getFunction(ANCHOR)) - symbols.get(ANCHOR);
            return new Xbyak(new Pointer(base + symbols.get(XBYAK_CPU)),
                    Function.getFunction(new Pointer(base + symbols.get(PER_CORE))), null);
        }
    }

    private static long[] perCoreSizes(Function perCore) {
        long[] sizes = new long[READ_LEVELS];
        for (int level = 1; level <= READ_LEVELS; level++) {
            sizes[level - 1] = Integer.toUnsignedLong(perCore.invokeInt(new Object[] {level}));
        }
        return sizes;
    }

    /**
     * Null when Xbyak's record at {@code xbyak} is the one the empty leaf produces on this CPU (three
     * levels whose sizes per sharing core are {@code read}, and the family, model and stepping of
     * {@code cpuInfo}); else what differs.
     */
    static String layoutMismatch(Pointer xbyak, long[] read, Map<String, String> cpuInfo) {
        int levels = xbyak.getInt(LEVELS);
        if (levels != READ_LEVELS) {
            return "Xbyak's record lists " + levels + " levels where " + READ_LEVELS + " were expected";
        }
        Map<String, Integer> identity = Map.of("cpu family", FAMILY, "model", MODEL, "stepping", STEPPING);
        for (Map.Entry<String, Integer> field : identity.entrySet()) {
            String expected = cpuInfo.getOrDefault(field.getKey(), "unknown");
            int recorded = xbyak.getInt(field.getValue());
            if (!expected.equals(Integer.toString(recorded))) {
                return "Xbyak's record gives " + field.getKey() + " " + recorded + " where /proc/cpuinfo gives " + expected;
            }
        }
        for (int i = 0; i < READ_LEVELS; i++) {
            long size = Integer.toUnsignedLong(xbyak.getInt(SIZES + 4L * i));
            long sharing = Integer.toUnsignedLong(xbyak.getInt(SHARING + 4L * i));
            if (sharing == 0 || size / sharing != read[i]) {
                return "Xbyak's record gives level " + (i + 1) + " as " + size + " bytes shared by " + sharing
                        + " where oneDNN reports " + read[i] + " per core";
            }
        }
        return null;
    }

    static String describe(long[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            s.append(i == 0 ? "" : ", ").append("L").append(i + 1).append(' ').append(bytes(sizes[i]));
        }
        return s.append(" per core").toString();
    }

    private static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n >= 1 << 10 && n % (1 << 10) == 0 ? (n >> 10) + " KiB" : n + " B";
    }
}
