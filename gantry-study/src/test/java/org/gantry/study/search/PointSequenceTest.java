package org.gantry.study.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointSequenceTest {

    /** Scrambling keeps Sobol's (0, m, 2)-net: every elementary box of area 2^-m holds one of the first 2^m points. */
    @Test
    void sobolsFirstTwoCoordinatesFormANetForEverySeed() {
        int m = 6;
        for (long seed = 0; seed < 5; seed++) {
            List<double[]> points = new ScrambledSobol(4, seed).first(1 << m);
            for (int m1 = 0; m1 <= m; m1++) {
                int[][] counts = new int[1 << m1][1 << (m - m1)];
                for (double[] p : points) {
                    counts[(int) (p[0] * (1 << m1))][(int) (p[1] * (1 << (m - m1)))]++;
                }
                for (int[] row : counts) {
                    assertThat(row).containsOnly(1);
                }
            }
        }
    }

    @Test
    void everyCoordinateOfBothSequencesIsStratified() {
        assertStratified(new ScrambledSobol(5, 3).first(128), new int[] {2, 2, 2, 2, 2}, new int[] {7, 7, 7, 7, 7});
        // Halton in bases 2, 3, 5: 2^7, 3^4, 5^3 points stratify each coordinate at its own base.
        assertStratified(new ScrambledHalton(3, 3).first(128), new int[] {2, 2, 2}, new int[] {7, 0, 0});
        assertStratified(new ScrambledHalton(3, 3).first(81), new int[] {2, 3, 2}, new int[] {0, 4, 0});
        assertStratified(new ScrambledHalton(3, 3).first(125), new int[] {2, 2, 5}, new int[] {0, 0, 3});
    }

    private static void assertStratified(List<double[]> points, int[] base, int[] digits) {
        for (int d = 0; d < base.length; d++) {
            if (digits[d] == 0) {
                continue;
            }
            int cells = (int) Math.pow(base[d], digits[d]);
            assertThat(cells).isEqualTo(points.size());
            int[] counts = new int[cells];
            for (double[] p : points) {
                assertThat(p[d]).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
                // Radical inverses of the first b^m indices are exactly the multiples of b^-m, which
                // Hipparchus sums in floating point: one may land a rounding error below its cell.
                counts[(int) Math.floor(p[d] * cells + 1e-9)]++;
            }
            assertThat(counts).as("dimension %d", d).containsOnly(1);
        }
    }

    @Test
    void sequencesAreSeededAndExtendable() {
        for (String name : List.of("sobol", "halton", "random")) {
            List<double[]> ten = SearchStrategies.create(name, 3, 7).first(10);
            List<double[]> twenty = SearchStrategies.create(name, 3, 7).first(20);
            for (int i = 0; i < 10; i++) {
                assertThat(twenty.get(i)).as(name).containsExactly(ten.get(i));
            }
            List<double[]> other = SearchStrategies.create(name, 3, 8).first(10);
            assertThat(other.get(3)).as(name).isNotEqualTo(ten.get(3));
        }
    }

    @Test
    void aGridHasTheLargestLevelCountThatFits() {
        assertThat(GridPoints.levels(16, 2)).isEqualTo(4);
        assertThat(GridPoints.levels(26, 3)).isEqualTo(2);
        assertThat(GridPoints.levels(27, 3)).isEqualTo(3);
        assertThat(GridPoints.levels(1, 4)).isEqualTo(1);
        List<double[]> grid = new GridPoints(2).first(10);
        assertThat(grid).hasSize(9);
        assertThat(grid.get(0)).containsExactly(1.0 / 6, 1.0 / 6);
        assertThat(grid.get(5)).containsExactly(0.5, 5.0 / 6);
    }

    /** The closed form against the definition: the mean squared local discrepancy over anchored boxes, integrated numerically. */
    @Test
    void centredDiscrepancyMatchesItsDefinition() {
        List<double[]> one = List.of(new double[] {0.5});
        assertThat(CenteredDiscrepancy.squared(one)).isCloseTo(1.0 / 12, within(1e-15));
        List<double[]> line = List.of(new double[] {0.1}, new double[] {0.35}, new double[] {0.8});
        assertThat(CenteredDiscrepancy.squared(line)).isCloseTo(definition1d(line, 0), within(1e-6));
        List<double[]> plane = List.of(new double[] {0.1, 0.7}, new double[] {0.35, 0.2}, new double[] {0.8, 0.55},
                new double[] {0.6, 0.95});
        double byDefinition = definition1d(plane, 0) + definition1d(plane, 1) + definition2d(plane);
        assertThat(CenteredDiscrepancy.squared(plane)).isCloseTo(byDefinition, within(2e-5));
    }

    /** For independent uniform points E[CD^2] = ((5/4)^d - (13/12)^d) / n; 400 sets put the mean within 5 standard errors. */
    @Test
    void randomPointsHaveTheExpectedDiscrepancyAndLowDiscrepancySetsBeatThem() {
        int n = 64;
        int d = 3;
        int sets = 400;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < sets; s++) {
            double v = CenteredDiscrepancy.squared(new UniformRandom(d, s).first(n));
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / sets;
        double se = Math.sqrt((sumSq / sets - mean * mean) / sets);
        double expected = (Math.pow(1.25, d) - Math.pow(13.0 / 12.0, d)) / n;
        assertThat(mean).isCloseTo(expected, within(5 * se));
        for (String name : List.of("sobol", "halton")) {
            double lds = 0;
            for (int s = 0; s < 20; s++) {
                lds += CenteredDiscrepancy.squared(SearchStrategies.create(name, d, s).first(n)) / 20;
            }
            // (log n)^d / n^2 against 1/n: at n = 64 a low-discrepancy set is several times more even.
            assertThat(lds).as(name).isLessThan(expected / 4).isGreaterThan(0.0);
        }
    }

    private static double definition1d(List<double[]> points, int k) {
        int cells = 200_000;
        double total = 0;
        for (int c = 0; c < cells; c++) {
            double t = (c + 0.5) / cells;
            total += square(local(points, new int[] {k}, new double[] {t}));
        }
        return total / cells;
    }

    private static double definition2d(List<double[]> points) {
        int cells = 1000;
        double total = 0;
        for (int a = 0; a < cells; a++) {
            for (int b = 0; b < cells; b++) {
                total += square(local(points, new int[] {0, 1}, new double[] {(a + 0.5) / cells, (b + 0.5) / cells}));
            }
        }
        return total / ((double) cells * cells);
    }

    /** Volume minus the fraction of points in the box spanned by t and the cube's vertex nearest to t (over coordinates u). */
    private static double local(List<double[]> points, int[] u, double[] t) {
        double volume = 1;
        for (double ti : t) {
            volume *= ti <= 0.5 ? ti : 1 - ti;
        }
        int inside = 0;
        for (double[] p : points) {
            boolean in = true;
            for (int i = 0; i < u.length; i++) {
                double x = p[u[i]];
                in &= t[i] <= 0.5 ? x < t[i] : x >= t[i];
            }
            inside += in ? 1 : 0;
        }
        return volume - (double) inside / points.size();
    }

    private static double square(double v) {
        return v * v;
    }
}
