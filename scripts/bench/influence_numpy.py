#!/usr/bin/env python3
"""The `exact` influence method for softmax regression in vectorised numpy: the reference that
`influence-bench` times the Rust engine against, on the same data and model.

Same mathematics as the engine: per-example gradients g_i = r_i ⊗ x̃_i with r_i = p_i - e_{y_i}
and x̃_i = [x_i, 1], the Hessian H = (1/n) Σ (diag p_i - p_i p_iᵀ) ⊗ x̃_i x̃_iᵀ + l2·diag(mask)
+ damping·I, and scores (1/n) g_qᵀ H⁻¹ g_i. No Python loop over rows. Two variants, timed in
one run:

- standard: the per-example gradients G (n × P) are materialised once; H is assembled block by
  block (one weighted Gram matrix X̃ᵀ diag(w) X̃ per pair of classes, through BLAS) and
  inverted; a query is g_q, H⁻¹ g_q and G (H⁻¹ g_q).
- structured: the engine's own trick in numpy — G is never formed; a query computes
  V = reshape(H⁻¹ g_q) and sums ((X̃ Vᵀ) ∘ R) over classes.

Like the engine, H gets u uᵀ along the output-bias shift (u = 1/√C on the biases), the one
direction where it is singular by construction and no gradient has a component.

    python3 influence_numpy.py --weights W.csv --train T.csv --queries Q.csv --scores S.csv \
        --l2 L --damping D

W.csv is the classes × (features + 1) weight matrix, bias in the last column. Prints the
timings as key=value lines and writes the standard variant's scores of the first three queries.
"""
import argparse
import time

import numpy as np


def load(path):
    a = np.loadtxt(path, delimiter=",", ndmin=2)
    return a[:, 1:], a[:, 0].astype(np.int64)


def main():
    ap = argparse.ArgumentParser()
    for name in ("--weights", "--train", "--queries", "--scores"):
        ap.add_argument(name, required=True)
    ap.add_argument("--l2", type=float, required=True)
    ap.add_argument("--damping", type=float, required=True)
    args = ap.parse_args()

    w = np.loadtxt(args.weights, delimiter=",", ndmin=2)
    x, y = load(args.train)
    qx, qy = load(args.queries)
    n, f = x.shape
    c = w.shape[0]
    fa = f + 1
    p = c * fa

    def probs(xa):
        z = xa @ w.T
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def training_side():
        xa = np.hstack([x, np.ones((n, 1))])
        pr = probs(xa)
        r = pr.copy()
        r[np.arange(n), y] -= 1.0
        h = np.empty((c, fa, c, fa))
        for a in range(c):
            for b in range(a, c):
                weight = (pr[:, a] if a == b else 0.0) - pr[:, a] * pr[:, b]
                block = (xa * weight[:, None]).T @ xa
                h[a, :, b, :] = block
                h[b, :, a, :] = block.T
        h = h.reshape(p, p) / n
        mask = np.ones((c, fa))
        mask[:, f] = 0.0
        h[np.diag_indices(p)] += args.l2 * mask.reshape(p) + args.damping
        bias = np.arange(c) * fa + f
        h[np.ix_(bias, bias)] += 1.0 / c
        return xa, r, np.linalg.inv(h)

    started = time.perf_counter()
    xa, r, h_inv = training_side()
    cold_structured = time.perf_counter() - started
    g = (r[:, :, None] * xa[:, None, :]).reshape(n, p)
    cold = time.perf_counter() - started

    def query_gradient(k):
        xq = np.append(qx[k], 1.0)
        rq = probs(xq[None, :])[0]
        rq[qy[k]] -= 1.0
        return np.outer(rq, xq).reshape(p)

    standard, structured, first = [], [], []
    for k in range(qx.shape[0]):
        t0 = time.perf_counter()
        scores = g @ (h_inv @ query_gradient(k)) / n
        standard.append((time.perf_counter() - t0) * 1e3)
        t0 = time.perf_counter()
        v = (h_inv @ query_gradient(k)).reshape(c, fa)
        scores_structured = ((xa @ v.T) * r).sum(axis=1) / n
        structured.append((time.perf_counter() - t0) * 1e3)
        if k < 3:
            assert np.allclose(scores, scores_structured, rtol=1e-9, atol=1e-15)
            first.append(scores)

    np.savetxt(args.scores, np.array(first), delimiter=",", fmt="%.17e")
    print(f"cold_s={cold:.6f}")
    print(f"cold_structured_s={cold_structured:.6f}")
    print("per_query_ms=" + ",".join(f"{t:.6f}" for t in standard))
    print("per_query_structured_ms=" + ",".join(f"{t:.6f}" for t in structured))


if __name__ == "__main__":
    main()
