"""Property fuzzing of the rules and forms (issue 7); see docs/fuzzing.md."""
