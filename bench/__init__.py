"""Benchmark tooling: generated data and measurements (see bench.apps)."""
