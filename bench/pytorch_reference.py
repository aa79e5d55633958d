#!/usr/bin/env python3
"""Reference peer for the training benchmark: the same CNN trained with PyTorch on the same data.

The network is the seed study's unregularized CNN: conv3x3(32) -> ReLU -> conv3x3(64) -> ReLU ->
maxpool2 -> dense(128) -> ReLU -> dense(10). 1,199,882 trainable parameters.

Needs Debian's python3-torch (run it with /usr/bin/python3) and the Fashion-MNIST IDX files
(Debian's dataset-fashion-mnist puts them in /usr/share/datasets/fashion-mnist).

  /usr/bin/python3 bench/pytorch_reference.py throughput --batch 64 --iters 60 --threads 2
  /usr/bin/python3 bench/pytorch_reference.py throughput --batchnorm --dropout 0.1 --weight-decay 1e-4
  /usr/bin/python3 bench/pytorch_reference.py inference --batch 256 --iters 40
  /usr/bin/python3 bench/pytorch_reference.py train --epochs 2 --batch 64 --train-limit 60000

The throughput mode prints one line: 'pytorch_train_images_per_second <value>';
the inference mode 'pytorch_inference_images_per_second <value>'.
The train mode prints per-epoch wall time and test accuracy, then 'pytorch_test_accuracy <value>'.
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DEFAULT_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(split, data_dir):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(x.astype(np.float32) / 255.0).unsqueeze(1)
    return x, torch.from_numpy(y.astype(np.int64))


class SeedCnn(nn.Module):
    """The seed CNN; with batchnorm/dropout set, its regularized twin (BN after each conv, dropout after
    each conv block and the dense layer)."""

    def __init__(self, batchnorm=False, dropout=0.0):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.bn1 = nn.BatchNorm2d(32) if batchnorm else nn.Identity()
        self.bn2 = nn.BatchNorm2d(64) if batchnorm else nn.Identity()
        self.drop = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.fc1 = nn.Linear(64 * 12 * 12, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.drop(F.relu(self.bn1(self.conv1(x))))
        x = self.drop(F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2))
        return self.fc2(self.drop(F.relu(self.fc1(x.flatten(1)))))


def make_net(args):
    net = SeedCnn(args.batchnorm, args.dropout)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.weight_decay)
    return net, opt


def throughput(args):
    torch.manual_seed(args.seed)
    net, opt = make_net(args)
    if args.synthetic:
        x = torch.rand(args.batch, 1, 28, 28)
        y = torch.arange(args.batch) % 10
    else:
        xs, ys = load("train", args.data_dir)
        x, y = xs[: args.batch], ys[: args.batch]

    def step():
        opt.zero_grad()
        F.cross_entropy(net(x), y).backward()
        opt.step()

    def infer():
        with torch.no_grad():
            net(x)

    if args.mode == "inference":
        net.eval()
        step = infer
    for _ in range(args.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(args.iters):
        step()
    seconds = time.perf_counter() - t0
    kind = "inference" if args.mode == "inference" else "train"
    print(f"pytorch_{kind}_images_per_second {args.batch * args.iters / seconds:.1f}")


def train(args):
    torch.manual_seed(args.seed)
    xs, ys = load("train", args.data_dir)
    xs, ys = xs[: args.train_limit], ys[: args.train_limit]
    xt, yt = load("test", args.data_dir)
    net, opt = make_net(args)
    for epoch in range(1, args.epochs + 1):
        net.train()
        t0 = time.perf_counter()
        perm = torch.randperm(len(xs))
        for i in range(0, len(xs), args.batch):
            idx = perm[i: i + args.batch]
            opt.zero_grad()
            F.cross_entropy(net(xs[idx]), ys[idx]).backward()
            opt.step()
        seconds = time.perf_counter() - t0
        net.eval()
        with torch.no_grad():
            correct = sum((net(xt[i: i + 1000]).argmax(1) == yt[i: i + 1000]).sum().item()
                          for i in range(0, len(xt), 1000))
        print(f"epoch {epoch} seconds {seconds:.1f} images_per_second {len(xs) / seconds:.1f} "
              f"test_accuracy {correct / len(xt):.4f}")
    print(f"pytorch_test_accuracy {correct / len(xt):.4f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["throughput", "inference", "train"])
    p.add_argument("--data-dir", default=os.environ.get("FMNIST_HOME", DEFAULT_DIR))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--iters", type=int, default=60)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--train-limit", type=int, default=60000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--batchnorm", action="store_true", help="batch normalization after each convolution")
    p.add_argument("--dropout", type=float, default=0.0, help="dropout rate after each block")
    p.add_argument("--weight-decay", type=float, default=0.0, help="L2 penalty (SGD weight decay)")
    p.add_argument("--synthetic", action="store_true", help="random inputs instead of real images")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    train(args) if args.mode == "train" else throughput(args)


if __name__ == "__main__":
    main()
