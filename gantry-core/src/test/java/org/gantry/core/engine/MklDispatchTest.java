package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MklDispatchTest {

    /**
     * MKL names the code path its vendor check leads to. On Intel processors, and on AMD ones with
     * AVX2 when this build has the shim, it must be the widest the CPU has; on AMD without the
     * shim, or with MKL's own choice kept by the user, its kernels for other vendors.
     */
    @Test
    void matrixProductsUseTheWidestInstructionSetTheCpuHas() {
        TorchEngine.start0();
        String vendor = CpuInfo.vendor();
        List<String> flags = CpuInfo.flags();
        boolean avx512 = flags.containsAll(List.of("avx512f", "avx512bw", "avx512dq", "avx512vl"));
        String path = MklDispatch.codePath();
        boolean shimBuilt = MklDispatch.class.getResource("libgantry_mkl_any_vendor.so") != null;
        boolean kept = "vendor".equals(System.getenv(MklDispatch.ENV));
        boolean amdWithAvx2 = "AuthenticAMD".equals(vendor) && flags.contains("avx2");
        if ("AuthenticAMD".equals(vendor) && (kept || !shimBuilt || !amdWithAvx2)) {
            assertThat(MklDispatch.choice()).contains(!amdWithAvx2 ? "without AVX2"
                    : kept ? MklDispatch.ENV + "=vendor" : "no C compiler");
            assertThat(path).isEqualTo("Intel(R) Architecture processors");
            return;
        }
        assertThat(MklDispatch.choice()).startsWith("AuthenticAMD".equals(vendor) ? "by instruction set" : "MKL's own");
        if (avx512) {
            assertThat(path).contains("AVX-512");
        } else if (flags.contains("avx2")) {
            // MKL writes "AVX2", or "AVX-2" for its path with AVX-VNNI.
            assertThat(path).containsPattern("AVX-?2").doesNotContain("AVX-512");
        }
    }

    /**
     * Whatever kernels MKL chose must compute right on this CPU: products in the shapes of the ring
     * networks' layers and of their backward passes (transposed operands), against double precision.
     * A float dot product of n terms summed in any order is within n·2⁻²⁴·Σ|aᵢbᵢ| of the exact one.
     */
    @Test
    void matrixProductsAgreeWithDoublePrecisionWithinTheRoundingBound() {
        TorchEngine.start0();
        Random random = new Random(19);
        int[][] shapes = {{100, 400, 400}, {100, 2, 1000}, {400, 100, 200}, {7, 33, 5}};
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                float[] a = gaussian(random, m * k);
                float[] b = gaussian(random, k * n);
                NDArray left = manager.create(a, new ai.djl.ndarray.types.Shape(m, k));
                NDArray right = manager.create(b, new ai.djl.ndarray.types.Shape(k, n));
                check(left.matMul(right).toFloatArray(), a, b, m, k, n);
                // The same product with both operands stored transposed, as a backward pass reads them.
                NDArray leftT = left.transpose().duplicate().transpose();
                NDArray rightT = right.transpose().duplicate().transpose();
                check(leftT.matMul(rightT).toFloatArray(), a, b, m, k, n);
            }
        }
    }

    private static void check(float[] product, float[] a, float[] b, int m, int k, int n) {
        double unit = Math.ulp(1.0f) / 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) a[i * k + p] * b[p * n + j];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                double bound = k * unit * magnitude * 1.01;
                assertThat((double) product[i * n + j])
                        .as("(%d, %d) of a %d×%d by %d×%d product", i, j, m, k, k, n)
                        .isBetween(exact - bound, exact + bound);
            }
        }
    }

    private static float[] gaussian(Random random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
