"""Inloggen en uitloggen in het Nederlands; herhaalde mislukte pogingen worden afgeremd
(django-axes: 5 mislukte pogingen, dan 15 minuten geblokkeerd per naam en per IP-adres)."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from tests.gebruikers import WACHTWOORD, maak_gebruikers

BLOKKADE = "Te veel mislukte inlogpogingen. Probeer het over 15 minuten"


class InloggenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.gebruikers = maak_gebruikers()

    def inloggen(self, wachtwoord, naam="adviseur_baarn", url=None, ip="192.0.2.1"):
        return self.client.post(
            url or reverse("login"),
            {"username": naam, "password": wachtwoord, "next": "/voortgang/"},
            REMOTE_ADDR=ip,
        )

    def assertGeblokkeerd(self, response):
        self.assertContains(response, BLOKKADE, status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def mislukt(self, aantal, **poging):
        for _ in range(aantal):
            self.assertContains(self.inloggen("fout", **poging), "klopt niet")

    def test_nederlandse_pagina_en_foutmelding(self):
        response = self.client.get(reverse("login"))
        self.assertContains(response, "<h1>Inloggen</h1>", html=True)
        self.assertContains(response, "csrfmiddlewaretoken")
        response = self.inloggen("fout")
        self.assertContains(response, "Gebruikersnaam of wachtwoord klopt niet.")
        self.assertContains(response, 'value="adviseur_baarn"')  # de naam blijft staan
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_inloggen_en_uitloggen(self):
        response = self.inloggen(WACHTWOORD)
        self.assertRedirects(response, "/voortgang/")
        self.assertContains(self.client.get("/voortgang/"), "Ingelogd als Adviseur_Baarn")
        # Uitloggen alleen met POST (CSRF-beschermd formulier in de kop).
        self.assertEqual(self.client.get(reverse("logout")).status_code, 405)
        self.assertRedirects(self.client.post(reverse("logout")), reverse("home"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_vijf_mislukte_pogingen_blokkeren_een_kwartier(self):
        self.assertEqual(settings.AXES_FAILURE_LIMIT, 5)
        self.mislukt(4)
        self.assertGeblokkeerd(self.inloggen("fout"))  # de vijfde
        # Ook het juiste wachtwoord helpt nu niet meer: eerst wachten.
        self.assertGeblokkeerd(self.inloggen(WACHTWOORD))
        # Na 14 minuten nog steeds; na 15 minuten lukt het weer.
        for minuten, geblokkeerd in [(14, True), (16, False)]:
            AccessAttempt.objects.update(
                attempt_time=datetime.datetime.now(datetime.UTC)
                - datetime.timedelta(minutes=minuten)
            )
            response = self.inloggen(WACHTWOORD)
            if geblokkeerd:
                self.assertGeblokkeerd(response)
        self.assertRedirects(response, "/voortgang/")

    def test_blokkade_per_naam_over_ip_adressen_heen(self):
        for i in range(4):
            self.mislukt(1, ip=f"192.0.2.{10 + i}")
        self.assertGeblokkeerd(self.inloggen("fout", ip="192.0.2.20"))
        self.assertGeblokkeerd(self.inloggen(WACHTWOORD, ip="198.51.100.7"))
        # Een andere naam vanaf een ander adres kan gewoon inloggen.
        self.assertRedirects(
            self.inloggen(WACHTWOORD, naam="adviseur_soest", ip="198.51.100.8"), "/voortgang/"
        )

    def test_blokkade_per_ip_adres_over_namen_heen(self):
        for i in range(4):
            self.mislukt(1, naam=f"gok{i}")
        self.assertGeblokkeerd(self.inloggen("fout", naam="gok4"))
        self.assertGeblokkeerd(self.inloggen(WACHTWOORD))
        # Vanaf een ander adres kan de adviseur zelf gewoon inloggen.
        self.assertRedirects(self.inloggen(WACHTWOORD, ip="198.51.100.9"), "/voortgang/")

    def test_gelukte_inlog_zet_de_telling_terug(self):
        self.mislukt(4)
        self.assertRedirects(self.inloggen(WACHTWOORD), "/voortgang/")
        self.client.logout()
        self.mislukt(4)  # opnieuw vier kansen: de telling begon weer bij nul
        self.assertRedirects(self.inloggen(WACHTWOORD), "/voortgang/")

    def test_ook_het_beheer_remt_af(self):
        beheerder = {"naam": "beheerder", "url": reverse("admin:login")}
        for _ in range(4):
            self.assertEqual(self.inloggen("fout", **beheerder).status_code, 200)
        self.assertGeblokkeerd(self.inloggen("fout", **beheerder))
        self.assertGeblokkeerd(self.inloggen(WACHTWOORD, **beheerder))
        # En de blokkade geldt op de gewone inlogpagina net zo.
        self.assertGeblokkeerd(self.inloggen(WACHTWOORD, naam="beheerder"))
