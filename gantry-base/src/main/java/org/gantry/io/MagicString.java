package org.gantry.io;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The string a Gantry binary file starts with, written by {@link java.io.DataOutputStream#writeUTF},
 * so that a reader can tell its own files from any other before trusting a single length field.
 */
public final class MagicString {
    private MagicString() {}

    /**
     * Reads the leading string and says whether it is {@code magic}. A file too short or whose first
     * bytes are not a modified-UTF-8 string is simply not one of ours, so it answers false, not an
     * exception.
     */
    public static boolean readAndMatch(DataInputStream in, String magic) {
        try {
            return magic.equals(in.readUTF());
        } catch (IOException e) {
            return false;
        }
    }
}
