"""Rematching displaced workers: requests, the worker's clock, the triage board (issue 5)."""
