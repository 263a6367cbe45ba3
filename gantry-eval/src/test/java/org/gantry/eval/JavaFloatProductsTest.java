package org.gantry.eval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaFloatProductsTest {

    @ParameterizedTest(name = "rows [{3},{4}) of {0} x {2} rows, {1} columns")
    @CsvSource({
        // Ranges off the start and end, rows not a multiple of 4 nor of a task's 64, more columns than
        // one pass (128), more reference rows than one tile (256), a single row or column.
        "70, 5, 300, 3, 70", "9, 130, 520, 0, 9", "5, 300, 7, 1, 4", "1, 1, 3, 0, 1", "200, 64, 130, 64, 200"})
    void productsAreWithinTheContractsBound(int aRows, int d, int bRows, int a0, int a1) {
        FeatureMatrix a = TestFeatures.gaussian(aRows, d, 1, 3, aRows * 17L + d);
        FeatureMatrix b = TestFeatures.gaussian(bRows, d, -2, 0.5, bRows * 5L + d);
        try (FloatProducts.Blocks blocks = new JavaFloatProducts().against(b)) {
            FloatProductsContract.check(blocks, a, a0, a1, b);
            // A second, smaller block from the same prepared matrix, and one against its last rows only.
            FloatProductsContract.check(blocks, a, a0, a0 + 1, b);
            FloatProductsContract.check(blocks, a, a0, a1, b, b.rows() / 2);
            FloatProductsContract.check(blocks, a, a0, a1, b, b.rows() - 1);
        }
    }
}
