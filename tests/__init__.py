"""The test suite, one folder per layer (see README.md, "Tests"): unit, contract, app, browser; support holds the
harnesses and helpers they share, imported as tests.support.<module>."""
