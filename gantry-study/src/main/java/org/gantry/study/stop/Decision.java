package org.gantry.study.stop;

/**
 * A stopping policy's verdict on a configuration at a step.
 *
 * @param stop true: stop its trials; false: it is never stopped, so only record that the policy would have
 * @param reason said in the events and the report
 */
public record Decision(String configurationId, int step, boolean stop, String reason) {}
