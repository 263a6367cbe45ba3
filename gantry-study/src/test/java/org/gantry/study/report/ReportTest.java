package org.gantry.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gantry.study.report.FactorEffects.WinRate;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.TrialState.Status;
import org.gantry.study.state.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void expectedBestMatchesSmallCasesAndResampling() {
        ExpectedBest.Curve two = ExpectedBest.of(new double[] {1, 2}, true, 2);
        assertThat(two.mean()[0]).isCloseTo(1.5, within(1e-12));
        assertThat(two.mean()[1]).isCloseTo(1.75, within(1e-12)); // both draws the 1 with probability 1/4
        assertThat(ExpectedBest.of(new double[] {1, 2}, false, 2).mean()[1]).isCloseTo(1.25, within(1e-12));
        double[] values = {3.1, 0.4, 2.2, 5.0, 4.4, 1.7, 2.9};
        ExpectedBest.Curve exact = ExpectedBest.of(values, false, 5);
        SplittableRandom r = new SplittableRandom(3);
        int draws = 200_000;
        for (int k = 1; k <= 5; k++) {
            double sum = 0;
            double sumSq = 0;
            for (int d = 0; d < draws; d++) {
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    best = Math.min(best, values[r.nextInt(values.length)]);
                }
                sum += best;
                sumSq += best * best;
            }
            double mean = sum / draws;
            double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
            assertThat(exact.mean()[k - 1]).isCloseTo(mean, within(5 * se));
            assertThat(exact.low()[k - 1]).isLessThanOrEqualTo(exact.mean()[k - 1]);
            assertThat(exact.high()[k - 1]).isGreaterThanOrEqualTo(exact.mean()[k - 1]);
        }
    }

    /** Four settings of lr, each with and without self-modulation; "true" is better (lower) in three. */
    static StoredStudy study(Path root) throws Exception {
        List<StoredConfiguration> configs = new ArrayList<>();
        double[][] means = {{10, 9}, {20, 15}, {30, 33}, {40, 20}};
        int n = 0;
        for (int lr = 0; lr < 4; lr++) {
            for (int sm = 0; sm < 2; sm++) {
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("g.self_modulation", sm == 1);
                settings.put("g.lr", 1e-4 * (lr + 1));
                String id = String.format("c%04d", n++);
                List<String> ids = new ArrayList<>();
                List<TrialState> states = new ArrayList<>();
                for (int seed = 0; seed < 2; seed++) {
                    double v = means[lr][sm] + (seed == 0 ? -1 : 1);
                    ids.add(id + "-s" + seed);
                    states.add(new TrialState(Status.DONE, 100, 0, Map.of(50, v + 5, 100, v), null, null));
                    Path run = root.resolve("trials").resolve(id + "-s" + seed).resolve("run");
                    Files.createDirectories(run);
                    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":50,\"fid\":" + (v + 5) + "}\n{\"step\":100,\"fid\":"
                            + v + "}\n");
                }
                configs.add(new StoredConfiguration(id, settings, lr, ids, states));
            }
        }
        return new StoredStudy(root, "selfmod", "fid", false, 100, List.of("g.self_modulation"), List.of(), configs);
    }

    @Test
    void winRatePairsConfigurationsThatDifferOnlyInTheFactor(@TempDir Path dir) throws Exception {
        List<WinRate> rates = FactorEffects.of(study(dir));
        assertThat(rates).hasSize(1);
        WinRate w = rates.get(0);
        assertThat(w.baseline()).isEqualTo(false);
        assertThat(w.challenger()).isEqualTo(true);
        assertThat(w.wins()).isEqualTo(3);
        assertThat(w.losses()).isEqualTo(1);
        assertThat(w.comparisons()).isEqualTo(4);
        assertThat(w.signTestP()).isCloseTo(10.0 / 16, within(1e-12)); // 2 P(X <= 1), X ~ Bin(4, 1/2)
        assertThat(w.relativeChanges()).containsExactlyInAnyOrder(-0.1, -0.25, 0.1, -0.5);
    }

    /** Every sequence of n fair coins enumerated: the share at least as lopsided as the observed one. */
    @Test
    void signTestMatchesEnumerationOfEveryOutcome() {
        for (int n = 1; n <= 14; n++) {
            for (int wins = 0; wins <= n; wins++) {
                int observed = Math.abs(2 * wins - n);
                int asExtreme = 0;
                for (int outcome = 0; outcome < 1 << n; outcome++) {
                    if (Math.abs(2 * Integer.bitCount(outcome) - n) >= observed) {
                        asExtreme++;
                    }
                }
                assertThat(SignTest.twoSided(wins, n - wins)).as("n=%d wins=%d", n, wins)
                        .isCloseTo((double) asExtreme / (1 << n), within(1e-12));
            }
        }
        assertThat(SignTest.twoSided(0, 0)).isEqualTo(1);
        // The paper's 124 of 144, far in the tail: 2 sum_{i<=20} C(144, i) / 2^144 in exact integers.
        java.math.BigInteger tail = java.math.BigInteger.ZERO;
        java.math.BigInteger choose = java.math.BigInteger.ONE;
        for (int i = 0; i <= 20; i++) {
            tail = tail.add(choose);
            choose = choose.multiply(java.math.BigInteger.valueOf(144 - i)).divide(java.math.BigInteger.valueOf(i + 1));
        }
        double exact = new java.math.BigDecimal(tail.shiftLeft(1)).divide(new java.math.BigDecimal(
                java.math.BigInteger.ONE.shiftLeft(144)), java.math.MathContext.DECIMAL64).doubleValue();
        assertThat(SignTest.twoSided(124, 20)).isCloseTo(exact, within(1e-9 * exact)).isGreaterThan(0);
        assertThat(SignTest.twoSided(20, 124)).isEqualTo(SignTest.twoSided(124, 20));
    }

    @Test
    void aDivergedMeanLosesInEitherDirection() {
        assertThat(FactorEffects.better(10, 9, false)).isEqualTo(1);
        assertThat(FactorEffects.better(10, 9, true)).isEqualTo(-1);
        assertThat(FactorEffects.better(10, 10, true)).isZero();
        for (boolean higher : new boolean[] {true, false}) {
            assertThat(FactorEffects.better(Double.NaN, 50, higher)).isEqualTo(1);
            assertThat(FactorEffects.better(50, Double.POSITIVE_INFINITY, higher)).isEqualTo(-1);
            assertThat(FactorEffects.better(Double.NaN, Double.NaN, higher)).isZero();
        }
    }

    @Test
    void csvHasARowPerTrialAndTheReportIsSelfContained(@TempDir Path dir) throws Exception {
        StoredStudy s = study(dir);
        String csv = ResultsCsv.of(s);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(17);
        assertThat(lines[0]).isEqualTo("trial,configuration,seed,status,steps_trained,fid,g.self_modulation,g.lr,fid@50,"
                + "would_stop_at,reason");
        assertThat(lines[1]).startsWith("c0000-s0,c0000,0,done,100,9.0,false,1.0E-4,14.0,,");
        String html = HtmlReport.html(s);
        assertThat(html).contains("<h2>Best configurations</h2>").contains("3 of 4").contains("<h2>Learning curves</h2>")
                .contains("data:image/png;base64,").doesNotContain("src=\"http").doesNotContain("href=\"http")
                .contains("<td class=n>0.63</td><td>-17.5 % (-50.0 … +10.0 %)</td>").contains("alt=\"relative change of fid, g.self_modulation\"");
        // c0001 (lr 1e-4, self-modulation) has the lowest mean: 9.
        assertThat(html.indexOf("c0001")).isLessThan(html.indexOf("c0000"));
        assertThat(StoppingSummary.of(s).saved()).isZero();
        assertThat(LearningCurves.of(s, s.configurations().get(1)).mean()).containsExactly(14.0, 9.0);
    }

    /** Two studies of one name: the best-so-far curves' mean, k by k; a lower-is-better metric. */
    @Test
    void searchComparisonAveragesBestSoFarCurvesPerStudyName(@TempDir Path dir) throws Exception {
        StoredStudy a = withFinals(dir.resolve("a"), "sobol", new double[] {5, 3, 4, 1});
        StoredStudy b = withFinals(dir.resolve("b"), "sobol", new double[] {2, 6, 1, 7});
        StoredStudy c = withFinals(dir.resolve("c"), "random", new double[] {9, 8, 9, 2});
        assertThat(SearchComparison.bestSoFar(a)).containsExactly(5, 3, 3, 1);
        List<SearchComparison.Curve> curves = SearchComparison.of(List.of(a, b, c));
        assertThat(curves).extracting(SearchComparison.Curve::name).containsExactly("sobol", "random");
        assertThat(curves.get(0).studies()).isEqualTo(2);
        assertThat(curves.get(0).meanBest()).containsExactly(3.5, 2.5, 2.0, 1.0);
        assertThat(curves.get(1).meanBest()).containsExactly(9, 8, 8, 2);
        assertThat(SearchComparison.table(curves)).contains("sobol (2 studies)").contains("3  2.000  8.000");
        assertThat(SearchComparison.chart(curves, "fid")).isNotEmpty();
    }

    private static StoredStudy withFinals(Path root, String name, double[] finals) {
        List<StoredConfiguration> configs = new ArrayList<>();
        for (int i = 0; i < finals.length; i++) {
            String id = String.format("c%04d", i);
            configs.add(new StoredConfiguration(id, Map.of("g.lr", i), i, List.of(id + "-s0"),
                    List.of(new TrialState(Status.DONE, 100, 0, Map.of(100, finals[i]), null, null))));
        }
        return new StoredStudy(root, name, "fid", false, 100, List.of(), List.of("g.lr"), configs);
    }
}
