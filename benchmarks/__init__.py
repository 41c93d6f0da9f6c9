"""Benchmarks: the dashboard against a minimal Streamlit app (make bench); not part of the test suite."""
