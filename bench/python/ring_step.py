"""PyTorch peer of Gantry's pacgan-ring training step, for bench/ring (bench/dcgan --preset pacgan-ring).

The networks, loss, optimiser and step order are those of Gantry's GanTrainer with the pacgan-ring
preset: G maps z ~ N(0, I_2) through four dense layers of 400 units, each followed by batch
normalisation and ReLU, to a dense output of 2; D is three maxout layers of 200 units with 5
pieces each and a dense output of 1. One discriminator step on a real batch from the 8-mode ring
(radius 1, standard deviation 0.01) and a batch generated without gradients, then one generator
step on fresh noise; non-saturating loss; Adam 1e-4, betas (0.8, 0.999); batch 100.

A worker like dcgan_step.py (protocol: step_worker.py), with the same arguments: a data directory
(ignored: the ring is drawn here), threads, seed.
"""
import math
import sys

import torch
import torch.nn as nn

from step_worker import ns_step, serve


class Maxout(nn.Module):
    def __init__(self, features_in, units, pieces):
        super().__init__()
        self.units, self.pieces = units, pieces
        self.linear = nn.Linear(features_in, units * pieces)

    def forward(self, x):
        # Dense output feature u*pieces+p is piece p of unit u, as in Gantry's MaxoutArchitecture.
        return self.linear(x).view(x.shape[0], self.units, self.pieces).max(dim=2).values


def generator():
    layers, width_in = [], 2
    for _ in range(4):
        layers += [nn.Linear(width_in, 400), nn.BatchNorm1d(400), nn.ReLU()]
        width_in = 400
    return nn.Sequential(*layers, nn.Linear(400, 2))


def discriminator():
    return nn.Sequential(Maxout(2, 200, 5), Maxout(200, 200, 5), Maxout(200, 200, 5), nn.Linear(200, 1))


def ring_batch(batch):
    modes = torch.randint(0, 8, (batch,)).float() * (2 * math.pi / 8)
    centres = torch.stack([torch.cos(modes), torch.sin(modes)], dim=1)
    return centres + 0.01 * torch.randn(batch, 2)


def main():
    threads, seed = int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    g, d = generator(), discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.8, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.8, 0.999))
    batch = 100

    def step():
        ns_step(g, d, opt_g, opt_d, ring_batch(batch), lambda: torch.randn(batch, 2))

    serve(step, g, d)


if __name__ == "__main__":
    main()
