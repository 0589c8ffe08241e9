"""Productie-instellingen: geen start zonder echte SECRET_KEY, check --deploy schoon."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
# Wat de testomgeving zelf zet, hoort niet in een productiestart.
UITGESLOTEN = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
SLEUTEL = "p" * 10 + "-een-lange-willekeurige-sleutel-voor-de-test-0123456789"


def manage(*args, **env):
    omgeving = {k: v for k, v in os.environ.items() if k not in UITGESLOTEN}
    omgeving.update(env, DJANGO_SETTINGS_MODULE="ivp.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


class ProductieInstellingenTest(SimpleTestCase):
    def test_weigert_te_starten_zonder_secret_key(self):
        resultaat = manage("check", DEBUG="0")
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn("SECRET_KEY ontbreekt", resultaat.stderr)

    def test_weigert_onveilige_secret_key(self):
        resultaat = manage("check", DEBUG="0", SECRET_KEY="django-insecure-kort")
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn("niet geschikt voor productie", resultaat.stderr)

    def test_check_deploy_schoon(self):
        resultaat = manage(
            "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=SLEUTEL
        )
        self.assertEqual(resultaat.returncode, 0, resultaat.stdout + resultaat.stderr)
        self.assertIn("no issues", resultaat.stdout)

    def test_zonder_debug_in_de_omgeving_is_de_server_productie(self):
        # Zoals gunicorn ivp.wsgi start: geen DEBUG gezet, dan geen ontwikkelmodus.
        omgeving = {k: v for k, v in os.environ.items() if k not in UITGESLOTEN}
        omgeving["DJANGO_SETTINGS_MODULE"] = "ivp.settings"
        resultaat = subprocess.run(
            [sys.executable, "-c", "import ivp.wsgi"],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn("SECRET_KEY ontbreekt", resultaat.stderr)
        # manage.py daarentegen is ontwikkelgereedschap en werkt zonder DEBUG in de omgeving.
        resultaat = subprocess.run(
            [sys.executable, "manage.py", "check"], cwd=ROOT, env=omgeving, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        self.assertEqual(resultaat.returncode, 0, resultaat.stderr)
