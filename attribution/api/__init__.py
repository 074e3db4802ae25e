"""The JSON API (blueprints under ``/api``) and the pages for people. No business logic here:
views validate input, call :mod:`attribution.ingest` (writes) or :mod:`attribution.queries`
(reads), and serialise the result through the pydantic schemas."""
