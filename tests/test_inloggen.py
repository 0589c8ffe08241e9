"""Inloggen en uitloggen in het Nederlands; herhaalde mislukte pogingen worden afgeremd."""

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from ivp.inloggen import MAX_POGINGEN
from tests.gebruikers import WACHTWOORD, maak_gebruikers


class InloggenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        cache.clear()

    def tearDown(self):
        cache.clear()

    def inloggen(self, wachtwoord, naam="adviseur_baarn", url=None):
        return self.client.post(
            url or reverse("login"),
            {"username": naam, "password": wachtwoord, "next": "/voortgang/"},
        )

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

    def test_herhaalde_mislukte_pogingen_worden_afgeremd(self):
        for _ in range(MAX_POGINGEN):
            self.assertContains(self.inloggen("fout"), "klopt niet")
        # Ook het juiste wachtwoord helpt nu niet meer: eerst wachten.
        response = self.inloggen(WACHTWOORD)
        self.assertContains(response, "Te veel mislukte inlogpogingen")
        self.assertNotIn("_auth_user_id", self.client.session)
        # Na de blokkade (cache leeg) lukt het weer.
        cache.clear()
        self.assertRedirects(self.inloggen(WACHTWOORD), "/voortgang/")

    def test_rem_per_ip_adres_over_namen_heen(self):
        for i in range(MAX_POGINGEN):
            self.inloggen("fout", naam=f"gok{i}")
        self.assertContains(self.inloggen(WACHTWOORD), "Te veel mislukte inlogpogingen")

    def test_ook_het_beheer_remt_af(self):
        url = reverse("admin:login")
        beheerder = {"naam": "beheerder", "url": url}
        for _ in range(MAX_POGINGEN):
            self.inloggen("fout", **beheerder)
        response = self.inloggen(WACHTWOORD, **beheerder)
        self.assertContains(response, "Te veel mislukte inlogpogingen")
        self.assertNotIn("_auth_user_id", self.client.session)
