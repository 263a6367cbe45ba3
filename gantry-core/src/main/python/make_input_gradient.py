#!/usr/bin/env python3
"""Writes input_gradient.pt, the TorchScript function behind TorchEngine.inputGradient.

Double back-propagation needs d(output)/d(input) as a differentiable tensor. Through DJL the only
way is backward(create_graph=True), which stores that gradient in input.grad, whose graph leads
back to the input: a reference cycle that libtorch never frees (about 6 MB per step on the
PacGAN MLP). torch.autograd.grad returns the gradient without storing it anywhere, so nothing
cycles and no parameter gradient is touched. DJL runs TorchScript methods with autograd on in
training mode, so the graph of the tensors passed in is used as is.

Run from the repository root with any PyTorch (the committed file: Debian's torch 1.13, which
libtorch 2.x loads):

    /usr/bin/python3 gantry-core/src/main/python/make_input_gradient.py
"""
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "gantry", "core", "engine", "input_gradient.pt")


class InputGradient(torch.nn.Module):
    def forward(self, output: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        grads = torch.autograd.grad([output.sum()], [x], retain_graph=True, create_graph=True)
        g = grads[0]
        assert g is not None
        return g


def main() -> None:
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    torch.jit.save(torch.jit.script(InputGradient()), OUT)
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes, torch {torch.__version__})")


if __name__ == "__main__":
    main()
