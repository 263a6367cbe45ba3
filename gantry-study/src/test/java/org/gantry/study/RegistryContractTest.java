package org.gantry.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gantry.study.search.PointSequence;
import org.gantry.study.search.SearchStrategies;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.stop.StoppingPolicies;
import org.junit.jupiter.api.Test;

/** Every registered search strategy and stopping policy, by the rules all of them keep. */
class RegistryContractTest {

    @Test
    void everyStrategyGivesPointsInTheUnitCubeReproducibly() {
        for (String name : SearchStrategies.names()) {
            for (int d : new int[] {1, 3, 7}) {
                List<double[]> a = SearchStrategies.create(name, d, 5).first(30);
                List<double[]> b = SearchStrategies.create(name, d, 5).first(30);
                assertThat(a).as(name).isNotEmpty().hasSizeLessThanOrEqualTo(30);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(a.get(i)).as(name).hasSize(d).containsExactly(b.get(i));
                    for (double x : a.get(i)) {
                        assertThat(x).as(name).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
                    }
                }
                PointSequence s = SearchStrategies.create(name, d, 5);
                assertThat(s.dimension()).isEqualTo(d);
            }
            assertThat(SearchStrategies.description(name)).as(name).isNotBlank();
        }
    }

    @Test
    void theStudyFileOffersExactlyTheRegisteredPolicies() {
        assertThat(StudySettings.POLICIES).containsExactlyInAnyOrderElementsOf(StoppingPolicies.names());
        for (String policy : StoppingPolicies.names()) {
            String rungs = policy.equals("none") ? "" : ", rungs: [10]";
            assertThat(StoppingPolicies.create(TestStudies.spec("metric: {name: fid}\nsteps: 20\nstopping: {policy: " + policy
                    + rungs + "}\n"))).isNotNull();
        }
    }
}
