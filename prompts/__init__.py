"""Prompt files for generate mode, installed with the package (read by name, not imported)."""
