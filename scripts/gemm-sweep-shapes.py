#!/usr/bin/env python3
"""Draws the shapes of configs/tracks/gemm-sweep.yaml (seeded) and prints them as YAML flow mappings.

General shapes: m, n, k each log-uniform from 16 to 4096, rounded; a draw with m*n*k above 2^31 is drawn again, so
the double-precision check of one shape stays within seconds. Decode shapes: m log-uniform from 1 to 16, n and k
log-uniform from 1024 to 4096 (flat, memory-bound). Run: scripts/gemm-sweep-shapes.py [SEED]
"""
import math
import random
import sys

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 20261206
GENERAL = 56
DECODE = 12
MAX_VOLUME = 2 ** 31


def log_uniform(r, lo, hi):
    return int(round(math.exp(r.uniform(math.log(lo), math.log(hi)))))


def main():
    r = random.Random(SEED)
    general = []
    while len(general) < GENERAL:
        m, n, k = (log_uniform(r, 16, 4096) for _ in range(3))
        if m * n * k <= MAX_VOLUME and (m, n, k) not in general:
            general.append((m, n, k))
    decode = []
    while len(decode) < DECODE:
        s = (log_uniform(r, 1, 16), log_uniform(r, 1024, 4096), log_uniform(r, 1024, 4096))
        if s not in decode:
            decode.append(s)
    for name, shapes in (("general", general), ("decode", decode)):
        print(f"# {name}")
        for m, n, k in shapes:
            print(f"      - {{m: {m}, n: {n}, k: {k}}}")


if __name__ == "__main__":
    main()
