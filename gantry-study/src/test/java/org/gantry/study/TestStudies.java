package org.gantry.study;

import org.gantry.config.Yaml;
import org.gantry.study.spec.StudyFile;
import org.gantry.study.spec.StudySpec;

/** Study specs from YAML text, for tests. */
public final class TestStudies {
    private TestStudies() {}

    public static StudySpec spec(String yaml) {
        return StudyFile.parse(Yaml.readString(yaml, "test study"), null, "test study");
    }
}
