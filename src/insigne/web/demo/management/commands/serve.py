"""``python -m insigne.web serve``: migrate, (optionally) seed the demo, then run the web server
(gunicorn) and the task worker together until interrupted."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ....server import gunicorn_command, port_in_use
from ...seeding import LEARNER, PASSWORD, STAFF


class Command(BaseCommand):
    help = "Run the platform: database migrations, web server and background worker."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--demo", action="store_true", help="create the demo data first")
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        if port_in_use(options["bind"]):
            raise CommandError(
                f"L'adresse {options['bind']} est déjà utilisée : Insigne tourne-t-il déjà ? "
                f"Arrêtez-le, ou choisissez une autre adresse avec --bind. "
                f"/ {options['bind']} is already in use."
            )
        call_command("migrate", interactive=False, verbosity=0)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        if options["demo"]:
            call_command("seed_demo")
        env = {**os.environ}
        worker = subprocess.Popen([sys.executable, "-m", "insigne.web", "db_worker"], env=env)
        self._greet(options["bind"], options["demo"])
        server = gunicorn_command(
            options["bind"],
            workers=options["workers"],
            access_log="-" if settings.DEBUG else "/dev/null",
        )
        try:
            subprocess.run(server, env=env, check=False)
        except KeyboardInterrupt:
            pass
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()

    def _greet(self, bind: str, demo: bool) -> None:
        lines = [
            "",
            f"Insigne : {settings.PUBLIC_URL}  (données : {settings.DATA_DIR})",
            f"Courriels envoyés : {getattr(settings, 'EMAIL_FILE_PATH', 'console')}",
        ]
        if demo:
            lines.append(f"Comptes de démonstration (mot de passe : {PASSWORD}) :")
            lines += [f"  {login.role:<12} {login.email}" for login in (*STAFF, LEARNER)]
        lines.append("Ctrl-C pour arrêter.\n")
        self.stdout.write("\n".join(lines))
