package org.gantry.study.report;

import java.util.Comparator;
import java.util.Optional;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.TrialState;

/**
 * What early stopping saved and what it risked: steps trained against the steps every trial would
 * have trained, configurations stopped, and whether the best fully trained configuration is one the
 * policy would have stopped had it not been kept.
 *
 * @param winner the best configuration whose every seed finished, if any
 * @param winnerWouldStopAt the step at which the policy would have stopped the winner, or null
 */
public record StoppingSummary(long stepsTrained, long stepsPlanned, long configurationsStopped, long configurationsKept,
        Optional<StoredConfiguration> winner, Integer winnerWouldStopAt) {

    public double saved() {
        return stepsPlanned == 0 ? 0 : 1 - (double) stepsTrained / stepsPlanned;
    }

    public static StoppingSummary of(StoredStudy s) {
        long trained = 0;
        for (StoredConfiguration c : s.configurations()) {
            trained += c.trials().stream().mapToLong(TrialState::step).sum();
        }
        long planned = (long) s.steps() * s.trials();
        long stopped = s.configurations().stream().filter(c -> c.count(TrialState.Status.STOPPED) > 0).count();
        long kept = s.configurations().stream().filter(c -> c.trials().stream().anyMatch(t -> t.wouldStopAt() != null)).count();
        Optional<StoredConfiguration> winner = s.configurations().stream()
                .filter(c -> c.finalValues(s.steps()).length == c.trials().size() && !c.trials().isEmpty())
                .min(Comparator.comparingDouble(s::orientedFinalMean));
        Integer would = winner.flatMap(w -> w.trials().stream().map(TrialState::wouldStopAt).filter(java.util.Objects::nonNull)
                .findFirst()).orElse(null);
        return new StoppingSummary(trained, planned, stopped, kept, winner, would);
    }
}
