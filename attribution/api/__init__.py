"""The JSON API (blueprints under ``/api``; the pages for people are :mod:`attribution.pages`).
No business logic here: views validate input, call :mod:`attribution.ingest` (writes) or
:mod:`attribution.queries` (reads), and serialise the result through the pydantic schemas."""
