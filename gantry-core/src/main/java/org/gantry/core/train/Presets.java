package org.gantry.core.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.ConfigException;
import org.gantry.config.Yaml;

/**
 * Named, ready-made configurations shipped as YAML resources under {@code presets/}; each file's
 * first line is a comment that describes it. {@code presets/index.txt} lists them in order.
 */
public final class Presets {
    public static final String DEFAULT = "ring";

    private Presets() {}

    public static List<String> names() {
        String index = resource("presets/index.txt");
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        return names;
    }

    /** Preset name to its one-line description. */
    public static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names()) {
            String first = resource(file(name)).lines().findFirst().orElse("");
            out.put(name, first.startsWith("#") ? first.substring(1).trim() : "");
        }
        return out;
    }

    public static Map<String, Object> load(String name) {
        if (!names().contains(name)) {
            throw new ConfigException("unknown preset '" + name + "': allowed " + String.join(", ", names()));
        }
        String text = resource(file(name));
        return Yaml.readString(text, "preset " + name);
    }

    private static String file(String name) {
        return "presets/" + name + ".yaml";
    }

    private static String resource(String path) {
        try (InputStream in = Presets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
