package org.gantry.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.spec.StudyFile;
import org.junit.jupiter.api.Test;

/** Every study file in the repository's studies/ folder reads and plans: its keys and values are all valid. */
class CommittedStudiesTest {
    @Test
    void everyCommittedStudyPlans() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "studies"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            StudyPlan plan = StudyPlan.of(StudyFile.read(f));
            assertThat(plan.trials()).as(f.toString()).isNotEmpty();
        }
    }
}
