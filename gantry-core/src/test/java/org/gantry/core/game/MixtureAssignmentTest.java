package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The assignment rule on hand-made logits, worked out by hand. */
class MixtureAssignmentTest {

    @Test
    void aPointGoesToTheMemberWithTheLargestNormalisedRatio() {
        // Two members, three points; ratios r = exp(-logit):
        //   member 0: 1, 1, 1 (sum 3)    member 1: e^1, e^-1, e^-1 (sum e + 2/e = 3.4540)
        // normalised member 0: 1/3 each; member 1: 0.7870, 0.1065, 0.1065.
        float[] logits = {0, -1, 0, 1, 0, 1};
        assertThat(MixtureAssignment.of(logits, 2)).containsExactly(1, 0, 0);
    }

    @Test
    void aMemberWhoseCriticFindsEveryPointSurelyRealStillWinsWhereItIsRelativelyBest() {
        // Member 1's logits are all 5 higher than member 0's except on the last point, where they are
        // 3 higher: unnormalised, member 0 would take everything; normalised, the offset cancels and
        // member 1 takes the point where it is relatively best.
        float[] logits = {0, 5, 0, 5, 0, 5, 0, 3};
        assertThat(MixtureAssignment.of(logits, 2)).containsExactly(0, 0, 0, 1);
    }

    @Test
    void normalisingSurvivesLogitsFarBeyondTheRangeOfExp() {
        float[] logits = {-900, 900, -901, 900, -899, 899};
        // Member 0's normaliser: log(e^900 + e^901 + e^899) = 901.4076; member 1's: log(2e^-900 + e^-899) = -898.4485.
        // Point 0: 900 - 901.4076 = -1.41 against -900 + 898.45 = -1.55, member 0; point 1: -0.41 against -1.55,
        // member 0; point 2: -2.41 against -0.55, member 1.
        assertThat(MixtureAssignment.of(logits, 2)).containsExactly(0, 0, 1);
    }
}
