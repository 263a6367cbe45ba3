"""PyTorch peer of Gantry's dcgan-mnist training step, for bench/dcgan.

The networks, loss, optimiser and step order are those of Gantry's GanTrainer with the
dcgan-mnist preset (issue 3's specification): one discriminator step on a real batch drawn from
MNIST held in memory and a batch generated without gradients, then one generator step on fresh
noise; non-saturating loss; Adam 2e-4, betas (0.5, 0.999); batch 64.

It runs as a worker so that Gantry's bench can alternate blocks of steps with it in one
invocation (protocol: step_worker.py). Arguments: the MNIST directory, threads, seed.
"""
import gzip
import os
import sys

import numpy as np
import torch
import torch.nn as nn

from step_worker import ns_step, serve


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
        ns_step(g, d, opt_g, opt_d, real, lambda: torch.randn(batch, 64))

    serve(step, g, d)


if __name__ == "__main__":
    main()
