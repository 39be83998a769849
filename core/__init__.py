"""The foundations every layer imports: settings, errors, the records passed between
stages, and the Vietnamese text helpers. Imports nothing else of kehoach."""
