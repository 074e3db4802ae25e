"""The JSON API (blueprints under ``/api``) and the pages for people. No business logic here:
views validate input, call :mod:`attribution.services`, and shape the response."""
