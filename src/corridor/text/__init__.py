"""Languages and scripts: pure functions over strings, shared by every engine."""
