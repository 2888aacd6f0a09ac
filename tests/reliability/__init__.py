"""Reliability and security under bad input, faults and load (issue 7); see docs/reliability.md."""
