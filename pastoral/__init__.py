"""Pastoral support (issue 7): plans, check-ins, red flags, concerns, appointments, the booklet."""
