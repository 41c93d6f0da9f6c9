"""Harnesses and helpers the tests share (and benchmarks/ reuses): AppTest, servers, browser probes, test data."""
