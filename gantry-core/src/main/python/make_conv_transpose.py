#!/usr/bin/env python3
"""Writes conv_transpose.pt, the TorchScript function behind engine/TransposedConvolution.

DJL's PyTorch engine has no transposed convolution, and libtorch has one: on the oneDNN path it is
oneDNN's deconvolution, which computes a nearest-neighbour up-sampling by 2 followed by a "same"
convolution (NearestUpConv) in one primitive, where the folded form needs a convolution to four
phases and copies to crop and interleave them (docs/RESULTS.md, issue 19, twelfth session).

Arguments of forward: the input (n, in, h, w), the weight (in, out, K, K) with K even, and the bias
(out). Stride 2 and padding K/2 - 1, so the output is (n, out, 2h, 2w). DJL runs TorchScript with
autograd on in training, so gradients (and gradients of gradients) flow through it.

Run from the repository root with any PyTorch (the committed file: Debian's torch 1.13, which
libtorch 2.x loads):

    /usr/bin/python3 gantry-core/src/main/python/make_conv_transpose.py
"""
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "gantry", "core", "engine", "conv_transpose.pt")


class StrideTwoTransposedConvolution(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        # TransposedConvolution.strideTwo has checked that the kernel is square with an even side.
        kernel = weight.size(2)
        # The bias is added here, not by the deconvolution: oneDNN 3.7 adds a deconvolution's bias in
        # a reference loop, one value at a time, which made the primitive 1.6 times as slow on
        # dcgan-mnist's 128 -> 64 layer (7.3 ms against 4.6 ms); a broadcast add is one vector pass.
        y = F.conv_transpose2d(x, weight, None, stride=2, padding=kernel // 2 - 1)
        return y + bias.view(1, -1, 1, 1)


def main() -> None:
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    torch.jit.save(torch.jit.script(StrideTwoTransposedConvolution()), OUT)
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes, torch {torch.__version__})")


if __name__ == "__main__":
    main()
