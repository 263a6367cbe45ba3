package org.gantry.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.gantry.config.ConfigException;

/**
 * Reads the user's own low-dimensional data: one point per line, coordinates separated by commas,
 * semicolons or white space. A first line that is not numeric is taken as a header; '#' starts a
 * comment line. Every row must have the same number of columns.
 */
public final class CsvPoints {
    private CsvPoints() {}

    public static PointDataset read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("data file '" + file + "' does not exist or is not a file (key data.path)");
        }
        FloatList values = new FloatList();
        int dimension = -1;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] cells = t.split("[,;\\s]+");
                float[] row = new float[cells.length];
                try {
                    for (int i = 0; i < cells.length; i++) {
                        row[i] = Float.parseFloat(cells[i]);
                        if (!Float.isFinite(row[i])) {
                            throw new NumberFormatException();
                        }
                    }
                } catch (NumberFormatException e) {
                    if (dimension < 0 && values.size() == 0) {
                        continue; // header line
                    }
                    throw new ConfigException("data file '" + file + "' line " + lineNo
                            + ": expected finite numbers, got '" + t + "'");
                }
                if (dimension < 0) {
                    dimension = row.length;
                } else if (row.length != dimension) {
                    throw new ConfigException("data file '" + file + "' line " + lineNo + ": " + row.length
                            + " columns, but earlier rows have " + dimension);
                }
                values.addAll(row);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("data file '" + file + "' does not exist (key data.path)");
        } catch (IOException e) {
            throw new ConfigException("cannot read data file '" + file + "': " + e.getMessage(), e);
        }
        if (dimension < 0) {
            throw new ConfigException("data file '" + file + "' holds no data rows");
        }
        return new PointDataset("csv", values.toArray(), dimension, null);
    }

    /** A growable float array, to avoid boxing a million points. */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void addAll(float[] v) {
            if (n + v.length > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + v.length));
            }
            System.arraycopy(v, 0, a, n, v.length);
            n += v.length;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
