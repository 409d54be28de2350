#!/usr/bin/env python3
"""Exports the 8×8 handwritten digits bundled with scikit-learn (1,797 rows, 64 pixel values
0–16, 10 classes) as `label,f1,...,f64` CSV for the engine (`pip install scikit-learn`).

    python3 scripts/bench/export_digits.py digits.csv
"""
import sys

from sklearn.datasets import load_digits

digits = load_digits()
with open(sys.argv[1] if len(sys.argv) > 1 else "digits.csv", "w") as out:
    for label, row in zip(digits.target, digits.data):
        out.write(",".join([str(int(label))] + [repr(float(v)) for v in row]) + "\n")
