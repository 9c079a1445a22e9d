"""Sponsor reporting duties: what a provider must report to UKVI about a worker (or about itself), by when.

They live in recruits/ because the duty is per worker: the form picks one of the provider's
recruits, and the recruit's status changes (a worker who did not start, whose employment ended)
are where duties arise. Moved from providers/ (issue 14); see docs/ARCHITECTURE.md, "Layers".
"""
