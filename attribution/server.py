"""The production server: gunicorn running the app in worker processes with threads.

Each worker builds its Stanza pipeline once, on its first article (never at import), so
workers start fast and only writers pay for the models. Workers are recycled after a number of
requests, which bounds what a long-lived process can accumulate.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

#: Requests a worker serves before it is replaced (with jitter, so they do not all restart at
#: once): bounds memory a worker could accumulate over days.
MAX_REQUESTS = 2_000
MAX_REQUESTS_JITTER = 200


def serve_wsgi(app: Flask, host: str, port: int, workers: int, threads: int,
               timeout: int) -> None:
    """Run ``app`` under gunicorn until interrupted."""
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": timeout,
        "graceful_timeout": 30,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS_JITTER,
        # The access log names method, path and status, never headers (API keys travel there).
        "accesslog": "-",
        "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
    }

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    Server().run()
