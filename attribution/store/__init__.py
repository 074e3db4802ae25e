"""The provenance store: engine and sessions (``db``), typed tables (``tables``), and the
session-level operations on statements, speakers and links that ``attribution.ingest`` calls
inside its one transaction per article."""
