package org.gantry.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MagicStringTest {

    private static DataInputStream stream(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static byte[] utf(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(s);
            out.writeInt(3);
        }
        return bytes.toByteArray();
    }

    @Test
    void matchesOnlyItsOwnStringAndLeavesTheStreamAfterIt() throws IOException {
        DataInputStream in = stream(utf("GANTRY-X"));
        assertThat(MagicString.readAndMatch(in, "GANTRY-X")).isTrue();
        assertThat(in.readInt()).isEqualTo(3);
        assertThat(MagicString.readAndMatch(stream(utf("GANTRY-Y")), "GANTRY-X")).isFalse();
    }

    @Test
    void emptyShortOrNonUtfInputIsNotAMatchRatherThanAnError() {
        assertThat(MagicString.readAndMatch(stream(new byte[0]), "GANTRY-X")).isFalse();
        // A length of 8 with only 2 bytes after it.
        assertThat(MagicString.readAndMatch(stream(new byte[] {0, 8, 'G', 'A'}), "GANTRY-X")).isFalse();
        // 0xFF never starts a modified-UTF-8 character.
        assertThat(MagicString.readAndMatch(stream(new byte[] {0, 2, (byte) 0xff, (byte) 0xff}), "GANTRY-X")).isFalse();
    }
}
