"""Testinstellingen: de gewone instellingen met ontwikkelstandaarden en een snelle hasher."""

import os

os.environ.setdefault("DEBUG", "1")

from ivp.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Deterministisch: de paginacache voor anonieme bezoekers uit (tests/test_paginacache.py zet hem
# per test aan); de onderdelencache blijft aan, zoals in productie.
PAGINACACHE = False
# Taken meteen uitvoeren, in het verzoek (tests/test_import_taak.py start voor één test een
# echte worker met de databasebackend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
