package org.gantry.core.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gantry.config.ConfigException;
import org.gantry.data.GaussianMixture;
import org.gantry.io.AtomicFiles;

/**
 * Samples written as a file whose kind its extension names: {@code .png} (a grid of images, or a
 * scatter plot of 2D points), {@code .csv} (one sample per row, its values flattened row-major)
 * or {@code .npy} (NumPy's format: float32, shape [count, ...example shape], what
 * {@code numpy.load} reads). Each is written to a temporary file first, then renamed.
 */
public final class SampleFiles {
    public static final List<String> FORMATS = List.of("png", "csv", "npy");
    /** What to do with samples that are not drawable. */
    public static final String WRITE_ANOTHER_FORMAT = "write .csv or .npy";

    private SampleFiles() {}

    /** The format of {@code file} by its extension; bad input when it is none of {@link #FORMATS}. */
    public static String format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(ext)) {
            throw new ConfigException("--out " + file + ": the extension says what to write; allowed: ."
                    + String.join(", .", FORMATS));
        }
        return ext;
    }

    /** Whether samples of this shape can be a PNG: images [C, H, W] with 1 or 3 channels, or 2D points. */
    public static boolean drawable(int[] shape) {
        return shape.length == 3 && (shape[0] == 1 || shape[0] == 3) || shape.length == 1 && shape[0] == 2;
    }

    /**
     * Bad input naming {@code file} when examples of {@code shape} cannot be drawn as a PNG.
     *
     * @param instead what the user can do instead, e.g. "write .csv or .npy"
     */
    public static void requireDrawable(Path file, int[] shape, String instead) {
        if (!drawable(shape)) {
            throw new ConfigException("--out " + file + ": examples of shape " + java.util.Arrays.toString(shape)
                    + " are neither images nor 2D points; " + instead);
        }
    }

    public static void write(Path file, String title, float[] samples, int count, int[] shape,
            Optional<GaussianMixture> modes) throws IOException {
        switch (format(file)) {
            case "png" -> {
                requireDrawable(file, shape, WRITE_ANOTHER_FORMAT);
                if (shape.length == 3) {
                    ImageGrid.write(file, samples, count, shape);
                } else {
                    ScatterPlot.write(file, title, samples, count, modes);
                }
            }
            case "csv" -> writeCsv(file, samples, count, shape);
            default -> writeNpy(file, samples, count, shape);
        }
    }

    private static void writeCsv(Path file, float[] samples, int count, int[] shape) throws IOException {
        int length = length(shape);
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < length; j++) {
                header.append(j == 0 ? "" : ",").append(length == 2 ? (j == 0 ? "x1" : "x2") : "v" + j);
            }
            w.write(header.append('\n').toString());
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < count; i++) {
                row.setLength(0);
                for (int j = 0; j < length; j++) {
                    // Float.toString is the shortest text that reads back to the same float.
                    row.append(j == 0 ? "" : ",").append(samples[i * length + j]);
                }
                w.write(row.append('\n').toString());
            }
            w.flush();
        });
    }

    /** NumPy format 1.0: magic, version, header length, a padded Python dict literal, then the raw values. */
    private static void writeNpy(Path file, float[] samples, int count, int[] shape) throws IOException {
        StringBuilder dims = new StringBuilder().append(count).append(", ");
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", "")
                + (shape.length == 0 ? "," : "") + "), }";
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64 and ended by \n.
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        int length = length(shape);
        AtomicFiles.write(file, out -> {
            ByteBuffer start = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            start.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
            start.putShort((short) header.length());
            out.write(start.array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer values = ByteBuffer.allocate(4 * Math.min(count * length, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count * length; i++) {
                if (!values.hasRemaining()) {
                    out.write(values.array(), 0, values.position());
                    values.clear();
                }
                values.putFloat(samples[i]);
            }
            out.write(values.array(), 0, values.position());
        });
    }

    private static int length(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
