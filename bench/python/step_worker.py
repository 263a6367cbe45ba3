"""The worker protocol of Gantry's step benchmarks, shared by the PyTorch peers (dcgan_step.py,
ring_step.py). Gantry's bench alternates blocks of steps with the worker in one invocation; one
line each on stdin/stdout:
  "run N"   -> runs N steps, answers "ok" and the N step times in milliseconds, space-separated
  "params"  -> answers the trainable parameter counts of G and D
  "version" -> answers the PyTorch and Python versions and the kernels it computes with
  "quit"    -> exits
Between commands it blocks on stdin and so uses no CPU: the bench never lets both sides run at once.
"""
import ctypes
import platform
import sys
import time

import torch
import torch.nn.functional as F


def ns_step(g, d, opt_g, opt_d, real, noise):
    """Gantry's standard step with the non-saturating loss: one D step on the real batch and a batch
    generated without gradients, then one G step on fresh noise (noise() draws a batch of z). The G
    step also computes D's weight gradients, which Gantry skips: F_D of the 4 F_G + 9 F_D that
    StepFlops counts (7 % of the ring's work, 5.5 % of dcgan-mnist's) is extra work on this side.
    Gradients are dropped, not zero-filled, between updates, as Gantry's networks drop theirs (and as
    PyTorch 2's zero_grad does by default)."""
    with torch.no_grad():
        fake = g(noise())
    d_loss = F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
    opt_d.zero_grad(set_to_none=True)
    d_loss.backward()
    opt_d.step()
    g_loss = F.softplus(-d(g(noise()))).mean()
    opt_g.zero_grad(set_to_none=True)
    g_loss.backward()
    opt_g.step()
    opt_d.zero_grad(set_to_none=True)


REFERENCE_BLAS = "reference BLAS, unoptimised"


def math_libraries():
    """ATen's instruction set and the BLAS library with the kernels it chose on this CPU, as far as they can be read."""
    capability = next((line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                       if "CPU capability usage" in line), "unknown")
    blas = "BLAS unknown"
    with open("/proc/self/maps") as maps:
        mapped = sorted({line.split()[-1] for line in maps if line.rstrip().endswith(".so") or ".so." in line})
    openblas = [path for path in mapped if "libopenblas" in path]
    # Debian's python3-torch calls whichever libblas.so.3 the alternatives system picks: netlib's
    # reference BLAS when no optimised one is installed, about a tenth of OpenBLAS's speed. The
    # kernel lists mapped files by their resolved paths, so the alternatives' links are followed.
    reference = [path for path in mapped if "/blas/libblas.so" in path]
    if not openblas and reference:
        blas = REFERENCE_BLAS + " (%s; apt-get install libopenblas0 gives OpenBLAS)" % reference[0]
    if openblas:
        lib = ctypes.CDLL(openblas[0])
        lib.openblas_get_config.restype = ctypes.c_char_p
        lib.openblas_get_corename.restype = ctypes.c_char_p
        blas = "%s, %s kernels" % (lib.openblas_get_config().decode().split(" NO_")[0],
                                   lib.openblas_get_corename().decode())
    onednn = next((line.split("-", 1)[1].strip() for line in torch.__config__.show().splitlines()
                   if "MKL-DNN" in line), "no oneDNN")
    convolutions = onednn if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else "ATen"
    return "ATen %s, %s, convolutions: %s" % (capability, blas, convolutions)


def serve(step, g, d):
    """Answers the bench's commands until "quit" or the end of stdin; step() is one training step."""
    # readline rather than iterating sys.stdin: each command is answered as soon as its line arrives.
    for line in iter(sys.stdin.readline, ""):
        words = line.split()
        if not words:
            continue
        if words[0] == "run":
            times = []
            for _ in range(int(words[1])):
                start = time.perf_counter()
                step()
                times.append((time.perf_counter() - start) * 1000)
            print("ok " + " ".join("%.4f" % t for t in times), flush=True)
        elif words[0] == "params":
            count = lambda m: sum(p.numel() for p in m.parameters() if p.requires_grad)
            print("ok %d %d" % (count(g), count(d)), flush=True)
        elif words[0] == "version":
            print("ok PyTorch %s, Python %s (%s)" % (torch.__version__, platform.python_version(), math_libraries()),
                  flush=True)
        elif words[0] == "quit":
            return
        else:
            print("error unknown command " + words[0], flush=True)
