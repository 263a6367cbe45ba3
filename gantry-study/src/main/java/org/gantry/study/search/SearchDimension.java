package org.gantry.study.search;

import java.util.List;

/**
 * One key of a study's search space and how a coordinate u in [0, 1) becomes its value.
 *
 * @param key the training configuration key, e.g. {@code g.lr}
 * @param scale linear, log (uniform in the logarithm), int (the integers lo..hi, each an equal share) or choice
 * @param low the range's low end (linear, log, int)
 * @param high the range's high end (linear, log, int)
 * @param choices the values of a choice, each an equal share of [0, 1)
 */
public record SearchDimension(String key, Scale scale, double low, double high, List<Object> choices) {
    public enum Scale {
        LINEAR, LOG, INT, CHOICE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SearchDimension {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Object value(double u) {
        return switch (scale) {
            case LINEAR -> low + u * (high - low);
            case LOG -> Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
            case INT -> (long) Math.min(high, Math.floor(low + u * (high - low + 1)));
            case CHOICE -> choices.get(Math.min(choices.size() - 1, (int) Math.floor(u * choices.size())));
        };
    }
}
