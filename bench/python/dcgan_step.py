"""PyTorch peer of Gantry's dcgan-mnist training step, for bench/dcgan.

The networks, loss, optimiser and step order are those of Gantry's GanTrainer with the
dcgan-mnist preset (issue 3's specification): one discriminator step on a real batch drawn from
MNIST held in memory and a batch generated without gradients, then one generator step on fresh
noise; non-saturating loss; Adam 2e-4, betas (0.5, 0.999); batch 64.

It runs as a worker so that Gantry's bench can alternate blocks of steps with it in one
invocation. Protocol on stdin/stdout, one line each:
  "run N"   -> runs N steps, answers "ok" and the N step times in milliseconds, space-separated
  "params"  -> answers the trainable parameter counts of G and D
  "version" -> answers the PyTorch and Python versions
  "quit"    -> exits
Between commands it blocks on stdin and so uses no CPU: the bench never lets both sides run at once.
"""
import gzip
import os
import platform
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def generator():
    return nn.Sequential(
        nn.Linear(64, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
        nn.Unflatten(1, (128, 7, 7)),
        nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(128, 64, 3, padding=1),
        nn.BatchNorm2d(64), nn.ReLU(),
        nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(64, 1, 3, padding=1), nn.Tanh())


def discriminator():
    return nn.Sequential(
        nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))


def load_mnist(directory):
    """The training images scaled to [-1, 1] as Gantry does (p / 127.5 - 1); gzip-compressed or raw IDX."""
    path = os.path.join(directory, "train-images-idx3-ubyte")
    opener = (gzip.open, path + ".gz") if os.path.exists(path + ".gz") else (open, path)
    with opener[0](opener[1], "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(raw.astype(np.float32) / 127.5 - 1.0).reshape(-1, 1, 28, 28)


def main():
    mnist_dir, threads, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    images = load_mnist(mnist_dir)
    g, d = generator(), discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    batch = 64
    order = torch.randperm(images.shape[0])
    position = 0

    def step():
        nonlocal position, order
        if position + batch > order.shape[0]:
            order, position = torch.randperm(images.shape[0]), 0
        real = images.index_select(0, order[position:position + batch])
        position += batch
        with torch.no_grad():
            fake = g(torch.randn(batch, 64))
        d_loss = F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
        opt_d.zero_grad(set_to_none=False)
        d_loss.backward()
        opt_d.step()
        g_loss = F.softplus(-d(g(torch.randn(batch, 64)))).mean()
        opt_g.zero_grad(set_to_none=False)
        g_loss.backward()
        opt_g.step()
        opt_d.zero_grad(set_to_none=False)

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
            print("ok PyTorch %s, Python %s" % (torch.__version__, platform.python_version()), flush=True)
        elif words[0] == "quit":
            return
        else:
            print("error unknown command " + words[0], flush=True)


if __name__ == "__main__":
    main()
