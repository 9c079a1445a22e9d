"""Provider risk (issue 17, item 2): a score per provider from the signals the portal holds."""
