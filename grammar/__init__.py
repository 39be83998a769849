"""The plan grammar: how Vietnamese plans write figures, dates, document references,
localities, headers and signatures. One place every layer reads plans with; it imports
only kehoach.core."""
