package org.gantry.core.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.Yaml;
import org.gantry.core.model.GanModel;
import org.gantry.core.train.GanTrainer;
import org.gantry.io.AtomicFiles;
import org.gantry.io.MagicString;

/**
 * The {@code checkpoints/} folder of a run: one file per saved step, {@code step-00002000.ckpt},
 * each written atomically (temporary file, then rename) so a crash never leaves a torn file.
 * The format starts with a magic string, a version and the resolved configuration, so a resume can
 * refuse a checkpoint made under another configuration, and (from version 2) ends with the SHA-256
 * of everything before it, so a file damaged on disk is refused instead of loaded as garbage.
 * From version 3 each network is stored under its name ({@code g}, {@code d}, {@code g_ema}), as
 * one length-prefixed record; versions 1 and 2 stored them by position and are still read.
 */
public final class CheckpointStore {
    private static final String MAGIC = "GANTRY-CHECKPOINT";
    private static final int VERSION = 3;
    /** Version 1 had no checksum; such files are still read, unverified. */
    private static final int UNCHECKED_VERSION = 1;
    /** Versions below this stored the networks by position. */
    private static final int NETWORKS_BY_NAME = 3;
    private static final int DIGEST_BYTES = 32;
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
            BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
            MessageDigest sha = sha256();
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, sha));
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            writeLongString(out, configYaml);
            trainer.save(out);
            out.flush();
            buffered.write(sha.digest());
            buffered.flush();
        });
    }

    /** Restores the trainer; returns the configuration the checkpoint was written with. */
    public static String read(Path file, GanTrainer trainer) throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            int version = readVersion(in, file);
            String config = readLongString(in);
            trainer.load(in, version >= NETWORKS_BY_NAME);
            return config;
        } catch (EOFException e) {
            throw new IOException("checkpoint '" + file + "' is truncated", e);
        } catch (RuntimeException e) {
            // Parameters of other shapes make DJL fail with whatever its arrays throw.
            throw new IOException("checkpoint '" + file + "' does not match this run's networks: its parameters have "
                    + "other sizes (it was written by a run of another configuration)", e);
        }
    }

    /**
     * Restores the networks alone, as {@link GanTrainer#loadModel} does; returns the step it was written at.
     *
     * @param labelled whether the run's game drew labelled examples
     */
    public static long readModel(Path file, GanModel model, boolean labelled) throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            int version = readVersion(in, file);
            readLongString(in);
            return GanTrainer.loadModel(in, model, labelled, version >= NETWORKS_BY_NAME);
        } catch (EOFException e) {
            throw new IOException("checkpoint '" + file + "' is truncated", e);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint '" + file + "' does not match this run's networks: its parameters have "
                    + "other sizes (it was written by a run of another configuration)", e);
        }
    }

    /**
     * Checks a checkpoint's magic, version and checksum without loading it.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static void verify(Path file) throws IOException {
        int version;
        try (DataInputStream in = open(file)) {
            version = readVersion(in, file);
            readLongString(in);
        } catch (EOFException e) {
            throw new IOException("checkpoint '" + file + "' is truncated", e);
        }
        if (version == UNCHECKED_VERSION) {
            return;
        }
        long size = Files.size(file);
        MessageDigest sha = sha256();
        byte[] stored = new byte[DIGEST_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long left = size - DIGEST_BYTES;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("checkpoint '" + file + "' is truncated");
                }
                sha.update(buffer, 0, n);
                left -= n;
            }
            if (in.readNBytes(stored, 0, DIGEST_BYTES) != DIGEST_BYTES) {
                throw new IOException("checkpoint '" + file + "' is truncated");
            }
        }
        if (!MessageDigest.isEqual(stored, sha.digest())) {
            throw new IOException("checkpoint '" + file + "' is damaged or cut short: its contents do not match its "
                    + "SHA-256");
        }
    }

    /**
     * Deletes temporary files that an interrupted atomic write left beside the checkpoints.
     *
     * @return how many were deleted
     */
    public int removeUnfinished() throws IOException {
        return AtomicFiles.removeUnfinished(dir);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Keys that change nothing stored in a checkpoint: how long, how often, what is written and evaluated. */
    private static final List<String> STATELESS_PREFIXES = List.of("eval.", "output.", "sample.");
    // data.path and data.download say where the files are, not what they are (data.name, data.split do):
    // a run whose data moved is still the same run.
    private static final List<String> STATELESS_KEYS = List.of("train.steps", "train.threads", "seed", "data.path",
            "data.download");

    /**
     * The keys, as "key (checkpoint -> current)", on which a checkpoint's configuration and
     * {@code config} differ in what the checkpoint holds (networks, optimizers, training state);
     * empty when it fits.
     */
    public static List<String> stateDifferences(String storedYaml, Config config) {
        Config stored = new ConfigBuilder(config.schema()).apply(Yaml.readString(storedYaml, "checkpoint"), "checkpoint")
                .build();
        return stored.changesTo(config, key -> !STATELESS_KEYS.contains(key)
                && STATELESS_PREFIXES.stream().noneMatch(key::startsWith));
    }

    /** {@link #readConfig} for a file the user named: what is wrong with it becomes bad input. */
    public static String readConfigOrExplain(Path file, String choice) {
        try {
            verify(file);
            return readConfig(file);
        } catch (IOException e) {
            throw new ConfigException("--checkpoint " + choice + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw new ConfigException("--checkpoint " + choice + ": its stored configuration is unreadable: "
                    + e.getMessage());
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
        readVersion(in, file);
        return readLongString(in);
    }

    /** Checks the magic string and returns the format version, refusing one this Gantry cannot read. */
    private static int readVersion(DataInputStream in, Path file) throws IOException {
        if (!MagicString.readAndMatch(in, MAGIC)) {
            throw new IOException("'" + file + "' is not a Gantry checkpoint");
        }
        int version = in.readInt();
        if (version < UNCHECKED_VERSION || version > VERSION) {
            throw new IOException("'" + file + "' has checkpoint format " + version + "; this Gantry reads "
                    + UNCHECKED_VERSION + " to " + VERSION);
        }
        return version;
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
