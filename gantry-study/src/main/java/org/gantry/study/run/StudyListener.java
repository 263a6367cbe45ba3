package org.gantry.study.run;

/** Told of a study's progress: one plain line per event, and the counts after it. */
public interface StudyListener {
    StudyListener NONE = (line, counts) -> {};

    void onEvent(String line, StudyCounts counts);
}
