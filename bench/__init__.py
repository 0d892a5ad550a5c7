"""Benchmarks against national-scale synthetic data; see bench/README.md."""
