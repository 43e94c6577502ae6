"""Benchmarks: ``python -m benchmarks --leads N`` runs every bench_*.py module."""
