"""Gunicorn in productie: `.venv/bin/gunicorn -c gunicorn.conf.py` (zie README "Productie").

Omgeving:
- WEB_CONCURRENCY: het aantal werkprocessen; standaard één per processorkern plus één
  (`make bench-load`, README "Belasting": op 2 kernen haalt 3 het meeste uit de machine).
- GUNICORN_WORKER_CLASS (standaard `sync`) en GUNICORN_THREADS (standaard 1).
- GUNICORN_BIND: adres en poort, standaard 127.0.0.1:8000 (achter de proxy die HTTPS doet).
"""

import os


def standaard_werkprocessen(kernen=None):
    """Het aantal werkprocessen zonder WEB_CONCURRENCY: kernen + 1 (int, minstens 2).

    De pagina's rekenen (Python, niet wachten op de database): meer processen dan kernen
    levert geen doorvoer op, alleen wachtrijen; één extra vangt de korte waits op PostgreSQL op.
    """
    kernen = kernen or len(os.sched_getaffinity(0))
    return max(2, kernen + 1)


wsgi_app = "ivp.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or standaard_werkprocessen())
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Geen beheersocket (gunicorn 27 zet er anders één op een vast pad, ~/.gunicorn/gunicorn.ctl, dat
# botst zodra er twee servers op één machine draaien, zoals in make bench-load).
control_socket_disable = True


def post_worker_init(worker):
    """Gunicorn-haak na het laden van de app in een werkproces: gc.freeze (ivp/opstart.py)."""
    from ivp.opstart import bevries_geladen_objecten

    bevries_geladen_objecten()
