"""Benchmarks of `assembler` on synthetic catalogs (`make bench`)."""
