#!/usr/bin/env python3
"""Writes gradients.pt, the TorchScript function behind TorchEngine.gradients.

Double back-propagation needs d(output)/d(x) as a differentiable tensor, for inputs (gradient
penalties) and for parameters (gradient-regularised GAN, consensus optimisation, ODE-GAN). Through
DJL the only way is backward(create_graph=True), which stores that gradient in x.grad, whose graph
leads back to x: a reference cycle that libtorch never frees (about 6 MB per step on the PacGAN
MLP). torch.autograd.grad returns the gradients without storing them anywhere, so nothing cycles
and no .grad field is touched. DJL runs TorchScript methods with autograd on in training mode, so
the graph of the tensors passed in is used as is.

Arguments: the output (summed), the list of tensors to differentiate by (DJL passes the arrays
named "wrt[]" as one list), and a one-element tensor saying whether the gradients must themselves
be differentiable. A tensor the output does not depend on gets a zero gradient.

Run from the repository root with any PyTorch (the committed file: Debian's torch 1.13, which
libtorch 2.x loads):

    /usr/bin/python3 gantry-core/src/main/python/make_gradients.py
"""
import os
from typing import List, Optional

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "gantry", "core", "engine", "gradients.pt")


class Gradients(torch.nn.Module):
    def forward(self, output: torch.Tensor, wrt: List[torch.Tensor], create_graph: torch.Tensor) -> List[torch.Tensor]:
        graph = bool(create_graph.item())
        grads: List[Optional[torch.Tensor]] = torch.autograd.grad(
            [output.sum()], wrt, retain_graph=True, create_graph=graph, allow_unused=True)
        out: List[torch.Tensor] = []
        for i in range(len(wrt)):
            g = grads[i]
            if g is None:
                out.append(torch.zeros_like(wrt[i]))
            else:
                out.append(g)
        return out


def main() -> None:
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    torch.jit.save(torch.jit.script(Gradients()), OUT)
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes, torch {torch.__version__})")


if __name__ == "__main__":
    main()
