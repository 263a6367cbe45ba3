package org.gantry.core.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gantry.io.AtomicFiles;

/**
 * The {@code checkpoints/} folder of a run: one file per saved step, {@code step-00002000.ckpt},
 * each written atomically (temporary file, then rename) so a crash never leaves a torn file.
 * The format starts with a magic string, a version and the resolved configuration, so a resume can
 * refuse a checkpoint made under another configuration.
 */
public final class CheckpointStore {
    private static final String MAGIC = "GANTRY-CHECKPOINT";
    private static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");
    private final Path dir;
    private final int keep;

    public CheckpointStore(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    public Path write(GanTrainer trainer, String configYaml) throws IOException {
        Path file = dir.resolve(String.format("step-%08d.ckpt", trainer.step()));
        writeTo(file, trainer, configYaml);
        prune();
        return file;
    }

    /** Writes a checkpoint to a file of any name (best.ckpt), which {@link #latest()} and pruning ignore. */
    public void writeTo(Path file, GanTrainer trainer, String configYaml) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            writeLongString(out, configYaml);
            trainer.save(out);
            out.flush();
        });
    }

    /** Restores the trainer; returns the configuration the checkpoint was written with. */
    public static String read(Path file, GanTrainer trainer) throws IOException {
        try (DataInputStream in = open(file)) {
            String config = readHeader(in, file);
            trainer.load(in);
            return config;
        } catch (EOFException e) {
            throw new IOException("checkpoint '" + file + "' is truncated", e);
        }
    }

    /** Reads only the configuration stored in a checkpoint. */
    public static String readConfig(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readHeader(in, file);
        } catch (EOFException e) {
            throw new IOException("checkpoint '" + file + "' is truncated", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Checks magic and version; returns the stored configuration. */
    private static String readHeader(DataInputStream in, Path file) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            magic = "";
        }
        if (!MAGIC.equals(magic)) {
            throw new IOException("'" + file + "' is not a Gantry checkpoint");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("'" + file + "' has checkpoint format " + version + "; this Gantry reads " + VERSION);
        }
        return readLongString(in);
    }

    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Checkpoint files, oldest step first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort((a, b) -> Long.compare(stepOf(a), stepOf(b)));
        return files;
    }

    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint file name: " + file);
        }
        return Long.parseLong(m.group(1));
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static void writeLongString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLongString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
