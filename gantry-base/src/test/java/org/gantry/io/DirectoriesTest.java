package org.gantry.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void deletesANestedTreeAndLeavesItsSiblings() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file.txt"), "x");
        Files.writeString(root.resolve("top.txt"), "y");
        Files.writeString(dir.resolve("sibling.txt"), "z");

        Directories.deleteTree(root);

        assertThat(root).doesNotExist();
        assertThat(dir.resolve("sibling.txt")).hasContent("z");
    }

    @Test
    void aMissingDirectoryIsNothingToDo() throws IOException {
        Directories.deleteTree(dir.resolve("absent"));
        assertThat(dir.resolve("absent")).doesNotExist();
    }
}
