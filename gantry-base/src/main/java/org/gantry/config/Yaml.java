package org.gantry.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** YAML reading and writing for configuration documents (Jackson's YAML data format). */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private Yaml() {}

    public static Map<String, Object> readFile(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("config file '" + file + "' does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, "config file '" + file + "'");
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file '" + file + "' does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file '" + file + "': " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> read(InputStream in, String source) {
        try {
            Map<String, Object> map = MAPPER.readValue(in, MAP);
            return map == null ? new LinkedHashMap<>() : map;
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + " is not a YAML mapping of keys to values: "
                    + e.getOriginalMessage() + locate(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses YAML held in a string (a preset, the configuration stored in a checkpoint). */
    public static Map<String, Object> readString(String text, String source) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
    }

    private static String locate(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    public static String write(Map<String, Object> document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
