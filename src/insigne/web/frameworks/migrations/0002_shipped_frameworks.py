"""The frameworks shipped with Insigne (RECTEC, CléA, the 14 savoir-être professionnels),
written from the CASE packages in ``frameworks/shipped/``."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from insigne.web.frameworks import shipped

    shipped.sync(apps.get_model("frameworks", "Framework"), apps.get_model("frameworks", "Item"))


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
