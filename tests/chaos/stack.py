"""Private services for the resilience tests and the soak: a PostgreSQL cluster, a redis-server,
gunicorn, Celery worker and beat, each a subprocess on a free loopback port in a temp dir.

Nothing here touches the machine's shared PostgreSQL or Redis: the faults (restart, stop,
SIGKILL) are injected into these private processes only.
"""

from __future__ import annotations

import contextlib
import glob
import html
import html.parser
import http.cookiejar
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
DEMO_PASSWORD = "demo-portal-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check, timeout: float, what: str, interval: float = 0.2):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def pg_bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise RuntimeError(
            "The resilience tests need PostgreSQL's server binaries (initdb, pg_ctl) in "
            "/usr/lib/postgresql/<version>/bin: install the Debian package `postgresql` "
            "(scripts/system-packages.sh, group `chaos`)."
        )
    return Path(found[-1]).parent


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb and pg_ctl refuse to run as root: run them as the `postgres` OS user then."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@dataclass
class PrivatePostgres:
    base: Path
    port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self.bin = pg_bin_dir()
        self.data = self.base / "pgdata"
        self.sock = self.base / "pgsock"
        self.log = self.base / "postgres.log"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def _pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        options = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        cmd = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60"]
        return subprocess.run(_as_postgres([*cmd, *args]), capture_output=True, text=True, check=check, timeout=90)

    def init(self, template: str = "") -> None:
        """A new cluster with an empty `portal` database, or (for developing these tests) a copy
        of a stopped cluster made earlier by CHAOS_PGDATA_TEMPLATE, migrated and seeded."""
        self.sock.mkdir(parents=True)
        if template:
            shutil.copytree(template, self.data, symlinks=True)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.base, self.sock):
                os.chown(path, owner.pw_uid, owner.pw_gid)
            if template:
                subprocess.run(["chown", "-R", "postgres:postgres", str(self.data)], check=True)
        if template:
            self.start()
            return
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--locale=C.UTF-8",
                ]
            ),
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        self.start()
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal"],
            check=True,
            capture_output=True,
            timeout=30,
        )

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast", check=False)

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    def psql(self, sql: str) -> str:
        out = subprocess.run(
            [
                str(self.bin / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "portal",
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return out.stdout.strip()


@dataclass
class Proc:
    """A subprocess in its own process group, so a SIGKILL reaches its children too."""

    name: str
    cmd: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> Proc:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, sig)
            assert self.popen is not None
            self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.alive():
            self.kill(signal.SIGTERM)

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


class Stack:
    """PostgreSQL + Redis + the portal's processes, private to one test session."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="portal-chaos-"))
        self.pg = PrivatePostgres(self.base)
        self.redis_port = free_port()
        self.web_port = free_port()
        self.redis: Proc | None = None
        self.web: Proc | None = None
        self.workers: list[Proc] = []
        self.beat: Proc | None = None
        self.mail_dir = self.base / "mail"
        self.mail_dir.mkdir()
        redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.pg.url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CACHE_BACKEND": "redis",
            "CELERY_QUEUE": "chaos",
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "DEBUG": "0",
            "DB_CONN_MAX_AGE": "60",
            "MEDIA_ROOT": str(self.base / "uploads"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            # Redis redelivers a message its worker did not acknowledge after this many seconds.
            "CELERY_TRANSPORT_OPTIONS": json.dumps({"visibility_timeout": 8}),
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    # -- set-up ------------------------------------------------------------------------------
    def manage(self, *args: str, timeout: float = 600) -> str:
        out = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if out.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
        return out.stdout

    def shell(self, code: str, timeout: float = 120) -> str:
        return self.manage("shell", "-c", code, timeout=timeout)

    def up(self) -> Stack:
        template = os.environ.get("CHAOS_PGDATA_TEMPLATE", "")
        self.pg.init(template)
        self.start_redis()
        if not template:
            self.manage("migrate", "--no-input", "-v", "0")
            self.manage("seed_demo", "-v", "0")
        self.start_web()
        return self

    def start_redis(self) -> None:
        self.redis = Proc(
            "redis",
            [
                "/usr/bin/redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.base),
            ],
            self.env,
            self.base / "redis.log",
        ).start()
        wait_for(lambda: self.redis_ping(), 20, "redis-server")

    def stop_redis(self) -> None:
        assert self.redis is not None
        self.redis.stop()

    def redis_ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def redis_cmd(self, *args: str) -> str:
        out = subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), *args], capture_output=True, text=True, timeout=10, check=True
        )
        return out.stdout.strip()

    def start_web(self, workers: int = 2) -> None:
        self.web = Proc(
            "gunicorn",
            [
                str(VENV_BIN / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            self.env,
            self.base / "gunicorn.log",
        ).start()

        def ready() -> bool:
            try:
                with urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=5) as response:  # noqa: S310
                    return response.status == 200
            except (OSError, urllib.error.URLError):
                return False

        wait_for(ready, 60, "gunicorn")

    def start_worker(self, *extra: str) -> Proc:
        worker = Proc(
            f"worker{len(self.workers)}",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "portal",
                "worker",
                "-Q",
                "chaos",
                "--loglevel",
                "INFO",
                "--hostname",
                f"chaos{len(self.workers)}@%h",
                "--without-gossip",
                "--without-mingle",
                *extra,
            ],
            self.env,
            self.base / f"worker{len(self.workers)}.log",
        ).start()
        self.workers.append(worker)
        return worker

    def start_beat(self, env: dict[str, str] | None = None) -> Proc:
        self.beat = Proc(
            "beat",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "portal",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(self.base / "celerybeat-schedule"),
            ],
            {**self.env, **(env or {})},
            self.base / "beat.log",
        ).start()
        return self.beat

    def down(self) -> None:
        for proc in [self.beat, *self.workers, self.web, self.redis]:
            if proc is not None:
                with contextlib.suppress(Exception):
                    proc.kill()
        with contextlib.suppress(Exception):
            self.pg.stop()
        shutil.rmtree(self.base, ignore_errors=True)


# -- a small HTTP client that signs in like a browser ----------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str = ""


class Browser:
    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, path: str, data: dict[str, str] | list[tuple[str, str]] | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Answer(response.status, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode("utf-8", "replace"), error.headers.get("Location", ""))

    def get(self, path: str) -> Answer:
        return self.request(path)

    def post_form(self, path: str, fields: dict[str, str]) -> Answer:
        """Open the form, then submit what it holds with `fields` filled in, as the browser would."""
        page = self.get(path)
        if page.status != 200:
            return page
        data = [(name, value) for name, value in form_fields(page.body) if name not in fields]
        return self.request(path, [*data, *fields.items()])

    def sign_in(self, email: str, password: str = DEMO_PASSWORD) -> Answer:
        answer = self.post_form("/accounts/login/", {"login": email, "password": password})
        if answer.status != 302:
            raise AssertionError(f"Sign-in of {email} answered {answer.status}: {text_of(answer.body)[:500]}")
        return answer


class _FormReader(html.parser.HTMLParser):
    """The fields of the page's main form (the first POST form that is not the sign-out) as a
    browser would submit them; a select with nothing chosen takes its first real option, as a
    person filling the form in would."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post" and "logout" not in a.get("action", ""):
            self._form = []
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image"):
                self._form.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self._form.append((a["name"], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select and self._form is not None:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options if v][:1]
            self._form.append((self._select, chosen[0] if chosen else ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def form_fields(body: str) -> list[tuple[str, str]]:
    reader = _FormReader()
    reader.feed(body)
    if not reader.forms:
        raise AssertionError("No form on the page")
    return reader.forms[0]


def text_of(body: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
