from django.db.models import Max, Prefetch
from django.shortcuts import render

from cijfers.models import Categorie, Cijfer
from ivp.models import Gebied, Plan, kies_huidig_plan
from prioriteiten.models import Prioriteit


def home(request):
    plannen = list(
        Plan.objects.prefetch_related(
            Prefetch("prioriteiten", queryset=Prioriteit.objects.order_by("volgorde")),
            "deelnemers",
        )
    )
    huidig = kies_huidig_plan(plannen)
    context = {
        "huidig": huidig,
        "eerdere": [plan for plan in plannen if plan != huidig],
        "gebieden": list(Gebied.objects.met_cijfers()),
        "categorieen": list(Categorie.objects.all()),
        "nieuwste_jaar": Cijfer.objects.aggregate(jaar=Max("jaar"))["jaar"],
    }
    return render(request, "ivp/home.html", context)
