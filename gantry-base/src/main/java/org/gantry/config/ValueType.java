package org.gantry.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How a setting's raw value (from YAML or from {@code --set key=value}) becomes a typed value, and
 * what values are allowed. Raw values are YAML scalars, YAML lists or strings typed on the command
 * line, so every type accepts its string form too.
 */
public abstract class ValueType<T> {

    /** Parses a raw value; throws {@link IllegalArgumentException} with a short reason. */
    protected abstract T parseRaw(Object raw);

    /** What values are allowed, for error messages and the key listing. */
    public abstract String allowed();

    /** The value as it is written back to YAML (numbers, booleans, strings or lists of them). */
    public Object toYaml(T value) {
        return value;
    }

    public final T parse(String key, Object raw) {
        if (raw == null) {
            throw new ConfigException("missing value for key '" + key + "' (allowed: " + allowed() + ")");
        }
        try {
            return parseRaw(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bad value '" + render(raw) + "' for key '" + key + "': allowed "
                    + allowed());
        }
    }

    private static String render(Object raw) {
        return raw instanceof List<?> list ? list.toString() : String.valueOf(raw);
    }

    public static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>() {
            @Override
            protected Integer parseRaw(Object raw) {
                long v = parseLong(raw);
                if (v < min || v > max) {
                    throw new IllegalArgumentException();
                }
                return (int) v;
            }

            @Override
            public String allowed() {
                return "an integer" + range(min, max, Integer.MAX_VALUE);
            }
        };
    }

    public static ValueType<Long> longInteger() {
        return new ValueType<>() {
            @Override
            protected Long parseRaw(Object raw) {
                return parseLong(raw);
            }

            @Override
            public String allowed() {
                return "an integer";
            }
        };
    }

    public static ValueType<Double> real(double min, double max) {
        return new ValueType<>() {
            @Override
            protected Double parseRaw(Object raw) {
                double v = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
                if (!(v >= min && v <= max)) { // also rejects NaN
                    throw new IllegalArgumentException();
                }
                return v;
            }

            @Override
            public String allowed() {
                return "a number in [" + fmt(min) + ", " + fmt(max) + "]";
            }
        };
    }

    public static ValueType<Boolean> bool() {
        return new ValueType<>() {
            @Override
            protected Boolean parseRaw(Object raw) {
                if (raw instanceof Boolean b) {
                    return b;
                }
                String s = raw.toString().trim().toLowerCase(Locale.ROOT);
                if (s.equals("true")) {
                    return true;
                }
                if (s.equals("false")) {
                    return false;
                }
                throw new IllegalArgumentException();
            }

            @Override
            public String allowed() {
                return "true or false";
            }
        };
    }

    public static ValueType<String> text() {
        return new ValueType<>() {
            @Override
            protected String parseRaw(Object raw) {
                if (raw instanceof List<?>) {
                    throw new IllegalArgumentException();
                }
                return raw.toString();
            }

            @Override
            public String allowed() {
                return "a string";
            }
        };
    }

    /** One of a set of names that may grow at run time (a registry's entries). */
    public static ValueType<String> choice(Supplier<Collection<String>> names) {
        return new ValueType<>() {
            @Override
            protected String parseRaw(Object raw) {
                String s = raw.toString().trim();
                if (!names.get().contains(s)) {
                    throw new IllegalArgumentException();
                }
                return s;
            }

            @Override
            public String allowed() {
                return "one of " + String.join(", ", names.get());
            }
        };
    }

    /** A non-empty list of names, each one of {@code names}; on the command line "fid,kid". */
    public static ValueType<List<String>> choiceList(Supplier<Collection<String>> names) {
        return new ValueType<>() {
            @Override
            protected List<String> parseRaw(Object raw) {
                List<String> out = new ArrayList<>();
                for (Object item : listItems(raw)) {
                    String name = item.toString().trim();
                    if (!names.get().contains(name) || out.contains(name)) {
                        throw new IllegalArgumentException();
                    }
                    out.add(name);
                }
                if (out.isEmpty()) {
                    throw new IllegalArgumentException();
                }
                return List.copyOf(out);
            }

            @Override
            public String allowed() {
                return "a non-empty list without repeats of " + String.join(", ", names.get()) + " (e.g. ["
                        + names.get().iterator().next() + "] or a,b)";
            }
        };
    }

    /** A non-empty list of integers, each at least {@code min}; on the command line "400,400,400". */
    public static ValueType<List<Integer>> intList(int min) {
        return new ValueType<>() {
            @Override
            protected List<Integer> parseRaw(Object raw) {
                List<Integer> out = new ArrayList<>();
                for (Object item : listItems(raw)) {
                    long v = parseLong(item);
                    if (v < min || v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException();
                    }
                    out.add((int) v);
                }
                if (out.isEmpty()) {
                    throw new IllegalArgumentException();
                }
                return List.copyOf(out);
            }

            @Override
            public String allowed() {
                return "a non-empty list of integers >= " + min + " (e.g. [400, 400] or 400,400)";
            }
        };
    }

    /** The items of a YAML list, or of a comma-separated string, optionally in brackets. */
    private static List<Object> listItems(Object raw) {
        List<Object> items = new ArrayList<>();
        if (raw instanceof Collection<?> c) {
            items.addAll(c);
        } else {
            String s = raw.toString().trim();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String part : s.split(",")) {
                items.add(part.trim());
            }
        }
        return items;
    }

    private static long parseLong(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE / 2.0) {
                throw new IllegalArgumentException();
            }
            return (long) d;
        }
        String s = raw.toString().trim().replace("_", "");
        return Long.parseLong(s);
    }

    private static String range(long min, long max, long unbounded) {
        if (max == unbounded) {
            return " >= " + min;
        }
        return " in [" + min + ", " + max + "]";
    }

    private static String fmt(double v) {
        if (v == Double.MAX_VALUE) {
            return "inf";
        }
        if (v == -Double.MAX_VALUE) {
            return "-inf";
        }
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
