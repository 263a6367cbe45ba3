package org.gantry.study.run;

import org.gantry.study.plan.Trial;

/** Training a trial on to generator step {@code until} (a rung or the study's budget), from wherever it stands. */
public record Segment(Trial trial, int until) {}
