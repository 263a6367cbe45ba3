#!/usr/bin/env python3
"""Writes the tiny TorchScript feature networks used by TorchScriptFeaturesTest.

Run from the repository root with any PyTorch (the committed files were made with Debian's torch
1.13, /usr/bin/python3); libtorch 2.x loads them:

    /usr/bin/python3 gantry-core/src/test/python/make_tiny_feature_net.py

Both networks take [N, 1, 4, 4] images, flatten them to 16 values x (row-major) and compute
features f = W1 x + b1 (D = 3) with hand-chosen weights:

    W1[0][j] = 1/16                  (mean of the pixels)
    W1[1][j] = +1/8 for j < 8, else -1/8   (top half minus bottom half)
    W1[2][j] = (j + 1) / 16 * (+1 if j is even else -1)
    b1       = [0.5, -0.25, 0.125]

tiny_feature_net.pt returns the tuple (f, logits) with logits = W2 f + b2 (K = 2):

    W2 = [[1, -2, 0.5], [-1, 0.5, 2]],  b2 = [0.1, -0.1]

tiny_feature_only_net.pt returns f alone. The Java test recomputes both from these rules.
"""
import os
from typing import Tuple

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "gantry", "core", "features")


def first_layer() -> nn.Linear:
    w = torch.zeros(3, 16)
    for j in range(16):
        w[0, j] = 1.0 / 16
        w[1, j] = 1.0 / 8 if j < 8 else -1.0 / 8
        w[2, j] = (j + 1) / 16 * (1 if j % 2 == 0 else -1)
    layer = nn.Linear(16, 3)
    with torch.no_grad():
        layer.weight.copy_(w)
        layer.bias.copy_(torch.tensor([0.5, -0.25, 0.125]))
    return layer


def second_layer() -> nn.Linear:
    layer = nn.Linear(3, 2)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[1.0, -2.0, 0.5], [-1.0, 0.5, 2.0]]))
        layer.bias.copy_(torch.tensor([0.1, -0.1]))
    return layer


class FeaturesAndLogits(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = first_layer()
        self.classifier = second_layer()

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        f = self.features(torch.flatten(x, 1))
        return f, self.classifier(f)


class FeaturesOnly(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = first_layer()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(torch.flatten(x, 1))


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    for name, module in [("tiny_feature_net.pt", FeaturesAndLogits()), ("tiny_feature_only_net.pt", FeaturesOnly())]:
        scripted = torch.jit.script(module.eval())
        path = os.path.join(OUT, name)
        torch.jit.save(scripted, path)
        print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes, torch {torch.__version__})")
    # A quick self-check: a ramp image, as the Java test uses.
    x = (torch.arange(16, dtype=torch.float32) / 7.5 - 1).reshape(1, 1, 4, 4)
    f, logits = torch.jit.load(os.path.join(OUT, "tiny_feature_net.pt"))(x)
    print("ramp features", f.tolist(), "logits", logits.tolist())


if __name__ == "__main__":
    main()
