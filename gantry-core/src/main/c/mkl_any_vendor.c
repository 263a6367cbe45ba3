/*
 * oneMKL (linked into DJL's libtorch_cpu.so) asks these two functions whether the processor is an
 * Intel one before it picks its kernels by instruction set; on any other vendor it falls back to
 * its default ones (AVX2-wide for AMD). On an AMD EPYC with AVX-512 that halves the speed of every
 * matrix product (and so of every dense layer and, with oneDNN off, every convolution): 75 against
 * 180 GFLOP/s on one core.
 * Loaded process-wide before libtorch (engine/MklDispatch), these definitions win over MKL's own,
 * and MKL then chooses by the CPU's instruction set alone, as it does on Intel processors.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
int mkl_serv_intel_cpu(void) { return 1; }
