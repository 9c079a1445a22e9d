"""The displaced-worker pool (since 9 April 2025): a provider asks its hub before sponsoring a
care or senior care worker; the hub answers; the history is evidence (issue 5)."""
