"""Shared knowledge of how plans name places: the national gazetteer (``gazetteer``) and
the locality grammar (``localities``). Depends only on ``kehoach.core``."""
