package org.gantry.study.run;

/**
 * Trials by status, and the estimated seconds left (null until a segment has finished).
 *
 * @param stepsTrained generator steps trained by all trials so far, and {@code stepsPlanned} if none stopped
 */
public record StudyCounts(int total, int done, int running, int pending, int stopped, int failed, long stepsTrained,
        long stepsPlanned, Double secondsLeft) {

    public String line() {
        return String.format(java.util.Locale.ROOT, "%d/%d done, %d running, %d stopped, %d failed%s", done, total, running,
                stopped, failed, secondsLeft == null ? "" : ", about " + duration(secondsLeft) + " left");
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
                : s + "s";
    }
}
