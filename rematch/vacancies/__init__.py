"""Vacancies providers post for rematching displaced workers (issue 5)."""
