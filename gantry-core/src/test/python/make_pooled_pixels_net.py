#!/usr/bin/env python3
"""Writes pooled_pixels_net.pt, a small TorchScript feature network for 28x28 grey images that the
evaluation tests use instead of a trained classifier (which would take minutes to train).

Run from the repository root with any PyTorch (committed file: Debian's torch 1.13):

    /usr/bin/python3 gantry-core/src/test/python/make_pooled_pixels_net.py

It takes [N, 1, 28, 28] images in [-1, 1], averages 4x4 pixel blocks (features, D = 49) and maps
them to 10 logits with fixed weights: logit k = sum_j cos(0.37 * (k + 1) * (j + 1)) * f_j + 0.1 * k.
The features are plain image statistics, so FID and precision/recall computed with them are
meaningful for tests (real digits are near each other, noise is far), and the class head gives
the Inception-style score and mode counting something to work on.
"""
import math
import os
from typing import Tuple

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "gantry", "core", "evaluate")


class PooledPixels(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.AvgPool2d(4)
        self.classifier = nn.Linear(49, 10)
        with torch.no_grad():
            for k in range(10):
                for j in range(49):
                    self.classifier.weight[k, j] = math.cos(0.37 * (k + 1) * (j + 1))
                self.classifier.bias[k] = 0.1 * k

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        f = torch.flatten(self.pool(x), 1)
        return f, self.classifier(f)


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "pooled_pixels_net.pt")
    torch.jit.save(torch.jit.script(PooledPixels().eval()), path)
    print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes, torch {torch.__version__})")


if __name__ == "__main__":
    main()
