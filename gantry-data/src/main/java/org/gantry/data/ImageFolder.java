package org.gantry.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gantry.config.ConfigException;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/**
 * The user's own images: every PNG or JPEG under a directory (searched recursively, in order of
 * relative path, so the same folder always gives the same data set). Each image is scaled so its
 * shorter side is {@code data.image_size} (area averaging down, bilinear up; see {@link Resampler})
 * and centre-cropped to a square, as in the DCGAN/CelebA recipes. No labels.
 */
public final class ImageFolder {
    public static final Setting<Integer> IMAGE_SIZE = Setting.of("data.image_size", ValueType.integer(1, 1024), 64,
            "Side in pixels of the square images image_folder makes (shorter side scaled to it, then centre-cropped).");
    public static final Setting<Integer> CHANNELS = Setting.of("data.channels", oneOrThree(), 3,
            "Channels of image_folder images: 3 for RGB (alpha dropped, grey replicated), 1 for grey (luminance).");

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageFolder() {}

    /** All images under {@code dir} as {@code [channels, size, size]}. */
    public static ImageDataset read(String name, Path dir, int size, int channels) {
        List<Path> files = imageFiles(dir);
        int length = channels * size * size;
        if ((long) files.size() * length > Integer.MAX_VALUE) {
            throw new ConfigException("image folder '" + dir + "' holds " + files.size() + " images; at " + channels + "×"
                    + size + "×" + size + " they exceed what one array can hold: lower data.image_size or use fewer images");
        }
        byte[] pixels = new byte[files.size() * length];
        // Decoding dominates; images are independent and each writes only its own slice.
        IntStream.range(0, files.size()).parallel()
                .forEach(i -> square(files.get(i), size, channels, pixels, i * length));
        return new ImageDataset(name, pixels, new int[] {channels, size, size}, null);
    }

    /** PNG and JPEG files under {@code dir}, sorted by their path relative to it. */
    static List<Path> imageFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("data.path '" + dir + "' is not a directory (data.name=image_folder needs "
                    + "a directory of .png, .jpg or .jpeg images)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(ImageFolder::isImage)
                    .sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b)))
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException("cannot list image folder '" + dir + "': " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ConfigException("image folder '" + dir + "' (data.path) holds no .png, .jpg or .jpeg files");
        }
        return files;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** Separator-independent, so the order is the same on every operating system. */
    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** Decodes, scales and crops one image into {@code out} from {@code offset}, channel after channel. */
    static void square(Path file, int size, int channels, byte[] out, int offset) {
        BufferedImage image = decode(file);
        int w = image.getWidth();
        int h = image.getHeight();
        // Shorter side to `size`; the longer side keeps the aspect ratio (at least `size`).
        int newW = w <= h ? size : Math.max(size, (int) Math.round((double) w * size / h));
        int newH = h < w ? size : Math.max(size, (int) Math.round((double) h * size / w));
        int cropX = (newW - size) / 2;
        int cropY = (newH - size) / 2;
        float[][] planes = ImagePlanes.of(image, channels);
        float[] previous = null;
        byte[] previousBytes = null;
        for (int c = 0; c < channels; c++) {
            int at = offset + c * size * size;
            if (planes[c] == previous) { // a grey image replicated: scale it once
                System.arraycopy(previousBytes, 0, out, at, size * size);
                continue;
            }
            float[] scaled = Resampler.resizeAndCrop(planes[c], w, h, newW, newH, cropX, cropY, size, size);
            byte[] bytes = new byte[size * size];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(scaled[i])));
            }
            System.arraycopy(bytes, 0, out, at, bytes.length);
            previous = planes[c];
            previousBytes = bytes;
        }
    }

    private static BufferedImage decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) { // some decoders fail on garbage with runtime exceptions
            throw new ConfigException("cannot decode image '" + file + "': " + e.getMessage(), e);
        }
        if (image == null) {
            throw new ConfigException("cannot decode image '" + file + "': not a PNG or JPEG image");
        }
        return image;
    }

    private static ValueType<Integer> oneOrThree() {
        return new ValueType<>() {
            @Override
            protected Integer parseRaw(Object raw) {
                String s = raw.toString().trim();
                if (s.equals("1") || s.equals("3")) {
                    return Integer.valueOf(s);
                }
                throw new IllegalArgumentException();
            }

            @Override
            public String allowed() {
                return "1 or 3";
            }
        };
    }
}
