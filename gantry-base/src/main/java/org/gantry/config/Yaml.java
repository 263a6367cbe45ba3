package org.gantry.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.io.IoErrors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** YAML reading and writing for configuration documents (Jackson's YAML data format). */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Yaml() {}

    public static Map<String, Object> readFile(Path file) {
        String source = "config file '" + file + "'";
        if (Files.isDirectory(file)) {
            throw new ConfigException(source + " is a directory; give a YAML file");
        }
        if (!Files.exists(file)) {
            throw new ConfigException(source + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + source + ": " + IoErrors.reason(e), e);
        }
    }

    /**
     * Reads one YAML document that maps keys to values (nested mappings and/or dotted keys). It is
     * read token by token rather than bound by Jackson, so that what YAML allows but a configuration
     * must not hold is an error naming the lines: a key given twice (in one mapping, or once dotted
     * and once nested), a second document, and a top level that is not a mapping.
     */
    public static Map<String, Object> read(InputStream in, String source) {
        try (JsonParser p = MAPPER.getFactory().createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new LinkedHashMap<>();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(source + " must be a YAML mapping of keys to values, but its top level is "
                        + describe(first) + locate(p));
            }
            Map<String, Integer> lines = new HashMap<>();
            Map<String, Object> document = object(p, source, "", lines);
            JsonToken next = p.nextToken();
            if (next != null) {
                throw new ConfigException(source + " holds more than one YAML document (another begins" + locate(p)
                        + "); put every key in one document");
            }
            return document;
        } catch (JsonProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CharConversionException c) {
                    throw new ConfigException(source + " is not UTF-8 text: " + c.getMessage(), e);
                }
            }
            if (e.getOriginalMessage().contains("CharConversionException")) {
                throw new ConfigException(source + " is not UTF-8 text: "
                        + e.getOriginalMessage().replaceFirst(".*CharConversionException: ", ""), e);
            }
            throw new ConfigException(source + " is not valid YAML: " + problem(e), e);
        } catch (CharConversionException e) {
            throw new ConfigException(source + " is not UTF-8 text: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mapping whose START_OBJECT was just read; {@code lines} holds every dotted key read so far. */
    private static Map<String, Object> object(JsonParser p, String source, String prefix, Map<String, Integer> lines)
            throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            int line = p.currentTokenLocation().getLineNr();
            Integer earlier = lines.putIfAbsent(key, line);
            if (earlier != null) {
                throw new ConfigException(source + " gives key '" + key + "' twice, at line " + earlier + " and line "
                        + line + " (once dotted and once nested counts too); keep one");
            }
            JsonToken t = p.nextToken();
            Object value = t == JsonToken.START_OBJECT ? object(p, source, key, lines) : value(p, t, source);
            map.put(name, value);
        }
        return map;
    }

    private static Object value(JsonParser p, JsonToken t, String source) throws IOException {
        switch (t) {
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e == JsonToken.START_OBJECT || e == JsonToken.START_ARRAY) {
                        throw new ConfigException(source + " holds a list with a nested " + describe(e) + locate(p)
                                + "; list values are numbers or words");
                    }
                    list.add(value(p, e, source));
                }
                return list;
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return p.getText();
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "mapping";
            default -> "a single value";
        };
    }

    private static String locate(JsonParser p) {
        return " at line " + p.currentTokenLocation().getLineNr();
    }

    /** Parses YAML held in a string (a preset, the configuration stored in a checkpoint). */
    public static Map<String, Object> readString(String text, String source) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
    }

    /** The YAML parser's complaint on one line, with the line and column where it is. */
    private static String problem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblem() != null) {
                Mark at = m.getProblemMark();
                return m.getProblem() + (at == null ? "" : " at line " + (at.getLine() + 1) + ", column "
                        + (at.getColumn() + 1));
            }
        }
        String text = e.getOriginalMessage().replaceAll("\\s*\\n\\s*", "; ").trim();
        return text + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")");
    }

    public static String write(Map<String, Object> document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
