#!/usr/bin/env python3
"""Writes fused_adam.pt, the TorchScript function behind engine/FusedAdam.

libtorch 2.4 and later have a CPU kernel that applies Adam to many parameters in one pass over each
(`torch._fused_adam_`): one read of weight, gradient and both moments and one write of each updated
array, where DJL's per-parameter `adamUpdate` runs about nine separate operators with temporaries.
On the PacGAN ring's 890,000 parameters it takes 0.5-0.7 ms a step against 1.8-2.0 ms
(docs/RESULTS.md, issue 19, fourth session).

The only PyTorch this project can install (Debian's torch 1.13) predates the operator, so it cannot
compile the call. TorchScript archives carry their source, which the loading libtorch compiles: this
script scripts a stand-in with the same signature whose body calls an operator 1.13 knows, replaces
that one line of the saved source with the fused call, and drops the debug records that map source
positions (all of them: nothing needs them, and one would point into the replaced line). Gantry's
libtorch (2.7) compiles the result when it loads it; FusedAdamTest checks the updates against an
independent double-precision Adam.

Arguments of forward: the weights, gradients, first and second moments (lists of tensors, updated in
place), the step count of each parameter (one float tensor each, as PyTorch's optimizer keeps them)
and the hyper-parameters (lr, beta1, beta2, eps) as one double tensor. It returns nothing useful (an
empty list): DJL needs a return value.

Run from the repository root with Debian's torch (`apt-get install python3-torch`):

    /usr/bin/python3 gantry-core/src/main/python/make_fused_adam.py
"""
import io
import os
import re
import zipfile
from typing import List

import torch
from torch import Tensor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "gantry", "core", "engine", "fused_adam.pt")
FUSED = ("torch._fused_adam_(weights, grads, exp_avgs, exp_avg_sqs, annotate(List[Tensor], []), steps, "
         "lr=lr, beta1=beta1, beta2=beta2, weight_decay=0., eps=eps, amsgrad=False, maximize=False, "
         "grad_scale=None, found_inf=None)")


class FusedAdam(torch.nn.Module):
    def forward(self, weights: List[Tensor], grads: List[Tensor], exp_avgs: List[Tensor],
                exp_avg_sqs: List[Tensor], steps: List[Tensor], hyper: Tensor) -> List[Tensor]:
        lr = float(hyper[0].item())
        beta1 = float(hyper[1].item())
        beta2 = float(hyper[2].item())
        eps = float(hyper[3].item())
        # The kernel walks each array's memory by its weight's element count and checks no strides:
        # a view would be read and written as if it were dense.
        for group in [weights, grads, exp_avgs, exp_avg_sqs]:
            for t in group:
                if not t.is_contiguous():
                    raise RuntimeError("fused Adam: every weight, gradient and moment must be contiguous")
        # The stand-in: an in-place list operator 1.13 knows, whose alpha uses all four numbers so
        # that they stay in the saved source for the fused call that replaces this line. no_grad:
        # DJL runs the module with autograd on, and libtorch refuses in-place updates of leaves
        # that require gradients.
        with torch.no_grad():
            torch._foreach_add_(weights, grads, alpha=lr + beta1 + beta2 + eps)
        nothing: List[Tensor] = []
        return nothing


def main() -> None:
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(FusedAdam()), buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    replaced = 0
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for info in source.infolist():
            if info.filename.endswith(".debug_pkl"):
                continue
            data = source.read(info.filename)
            if info.filename.endswith("code/__torch__.py"):
                text = data.decode()
                # the saved source spells the stand-in's alpha as nested torch.add calls
                text, n = re.subn(r"( *)_\d+ = torch\.add\(torch\.add\(lr, beta1\), beta2\)\n\1torch\._foreach_add_\(.*\)\n",
                                  lambda m: m.group(1) + FUSED + "\n", text)
                replaced += n
                data = text.encode()
            # fixed timestamps: the file depends only on this script and the scripting torch's printer
            out.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), data)
    if replaced != 1:
        raise SystemExit(f"expected to replace the stand-in once, replaced it {replaced} times; {OUT} left as it was")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(archive.getvalue())
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes, scripted with torch {torch.__version__})")


if __name__ == "__main__":
    main()
