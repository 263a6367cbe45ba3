package org.gantry.core.engine;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values (addresses relative to the load address) of named symbols in a 64-bit little-endian
 * ELF shared object, read from the file's full symbol table. That table also lists the library's
 * local symbols, which the dynamic linker cannot find: {@link OneDnnCacheSizes} needs two of
 * libtorch's.
 */
final class ElfSymbols {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNSYM = 11;
    private static final int SECTION_HEADER = 64;
    private static final int SYMBOL = 24;

    private ElfSymbols() {}

    /**
     * Each of {@code names} found in the file's symbol tables ({@code .symtab}, then {@code .dynsym})
     * with its value; names not there are absent from the result.
     *
     * @throws IOException if the file cannot be read or is not a 64-bit little-endian ELF file
     */
    static Map<String, Long> values(Path file, Set<String> names) throws IOException {
        Map<String, Long> found = new HashMap<>();
        byte[][] wanted = names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer header = map(channel, 0, 64);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2 || header.get(5) != 1) {
                throw new IOException(file + " is not a 64-bit little-endian ELF file");
            }
            long sectionsAt = header.getLong(0x28);
            int sectionCount = Short.toUnsignedInt(header.getShort(0x3c));
            MappedByteBuffer sections = map(channel, sectionsAt, (long) sectionCount * SECTION_HEADER);
            for (int type : new int[] {SHT_SYMTAB, SHT_DYNSYM}) {
                for (int s = 0; s < sectionCount && found.size() < wanted.length; s++) {
                    int at = s * SECTION_HEADER;
                    if (sections.getInt(at + 4) != type) {
                        continue;
                    }
                    int link = sections.getInt(at + 40);
                    int linkAt = link * SECTION_HEADER;
                    MappedByteBuffer symbols = map(channel, sections.getLong(at + 24), sections.getLong(at + 32));
                    MappedByteBuffer strings = map(channel, sections.getLong(linkAt + 24), sections.getLong(linkAt + 32));
                    scan(symbols, strings, wanted, found);
                }
            }
        }
        return found;
    }

    private static void scan(MappedByteBuffer symbols, MappedByteBuffer strings, byte[][] wanted, Map<String, Long> found) {
        int count = symbols.capacity() / SYMBOL;
        for (int i = 0; i < count; i++) {
            int name = symbols.getInt(i * SYMBOL);
            for (byte[] w : wanted) {
                if (named(strings, name, w)) {
                    found.putIfAbsent(new String(w, StandardCharsets.UTF_8), symbols.getLong(i * SYMBOL + 8));
                }
            }
        }
    }

    /** Whether the NUL-terminated string at {@code at} is exactly {@code name}. */
    private static boolean named(MappedByteBuffer strings, int at, byte[] name) {
        if (at < 0 || at + name.length >= strings.capacity()) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (strings.get(at + k) != name[k]) {
                return false;
            }
        }
        return strings.get(at + name.length) == 0;
    }

    private static MappedByteBuffer map(FileChannel channel, long offset, long size) throws IOException {
        if (offset < 0 || size < 0 || size > Integer.MAX_VALUE || offset + size > channel.size()) {
            throw new IOException("ELF section at " + offset + " of " + size + " bytes lies outside the file");
        }
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, offset, size);
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }
}
