from django.apps import AppConfig


class IvpConfig(AppConfig):
    name = "ivp"
    verbose_name = "IVP BES: gebieden, plannen en overleggen"
