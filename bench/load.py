"""The load driver: servers under test, a lean HTTP/1.1 keep-alive client, and the figures.

The client is plain asyncio (on uvloop when installed): each virtual client holds
one keep-alive connection and sends the same pre-encoded request in a loop until
the time is up. On a two-core machine that the servers and PostgreSQL share with
the client, a general HTTP client (httpx) would spend more CPU per request than
some of the servers do; this one spends a few tens of microseconds, and the same
client drives every server, so ratios are fair.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.generate import NOW

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
POSTGRAPHILE_DIR = BENCH_DIR / ".postgraphile"
POSTGRAPHILE_PACKAGES = ("postgraphile@4.14.1", "postgraphile-plugin-connection-filter@2.3.0")
"""PostGraphile v4 (v5 needs Node 22) and the filter plugin, for the date conditions of operation 1."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- processes -----------------------------------------------------------------------------


def rss_bytes(pid: int) -> int:
    """Resident set size of one process, from /proc; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class Server:
    """A server under test: one or more processes, each started as a process group of its own."""

    name: str
    urls: list[str]
    processes: list[subprocess.Popen[bytes]]
    log: Path

    @property
    def url(self) -> str:
        return self.urls[0]

    def workers(self) -> list[int]:
        """The processes that serve requests: the children (uvicorn or cluster workers), else each process."""
        found = []
        for process in self.processes:
            serving = [p for p in descendants(process.pid) if rss_bytes(p) > 0 and _is_worker(p)]
            found += serving or [process.pid]
        return found

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _is_worker(pid: int) -> bool:
    """Serving processes, not the helpers multiprocessing starts (its resource tracker)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            args = cmdline.read()
    except OSError:
        return False
    return b"resource_tracker" not in args


def wait_until_up(server: Server, probe: bytes, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    for process, url in zip(server.processes, server.urls):
        host, port = url.split("//")[1].split("/")[0].split(":")
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{server.name} exited: see {server.log}\n{server.log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{server.name} did not start within {timeout} s: see {server.log}")
            try:
                with socket.create_connection((host, int(port)), timeout=1) as s:
                    s.sendall(probe)
                    if s.recv(64).startswith(b"HTTP/1.1 "):
                        break
            except OSError:
                time.sleep(0.2)


def start_ours(
    database_url: str,
    *,
    workers: int,
    env: dict[str, str],
    log_dir: Path,
    root: Path = ROOT,
    name: str = "ours",
    balance: str = "processes",
) -> Server:
    """This API under uvicorn (uvloop, httptools), ``workers`` processes, access log off.

    ``balance="processes"`` (the default) starts one single-process uvicorn per worker, each
    on its own port, and the client spreads its connections over them in turn, as a load
    balancer in front of stateless workers would. ``balance="uvicorn"`` starts one uvicorn
    with ``--workers``, whose processes share one listening socket: with a few long-lived
    keep-alive connections, whichever process accepts first keeps them, and one worker may
    do most of the work. ``root`` is the source tree to serve: another checkout of the
    project, to compare two versions.
    """
    ports = [free_port() for _ in range(workers if balance == "processes" else 1)]
    log = log_dir / f"{name}.log"
    environment = {
        **os.environ,
        **env,
        "DATABASE_URL": database_url,
        "PUBLIC_URL": f"http://127.0.0.1:{ports[0]}",  # the issuer, the same for every process
        "BENCH_COUNT_SQL": "1",
        "BENCH_NOW": NOW.isoformat(),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys((str(root), str(ROOT)))),
    }
    processes = []
    with log.open("wb") as out:
        for port in ports:
            command = [
                sys.executable, "-m", "uvicorn", "bench.server:create", "--factory", "--host", "127.0.0.1",
                "--port", str(port), "--no-access-log", "--log-level", "warning", "--loop", "uvloop",
                "--http", "httptools",
            ]  # fmt: skip
            if balance != "processes":
                command += ["--workers", str(workers)]
            processes.append(
                subprocess.Popen(
                    command, cwd=root, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
    server = Server(name, [f"http://127.0.0.1:{port}/graphql" for port in ports], processes, log)
    wait_until_up(server, b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    return server


def install_postgraphile() -> Path:
    """Install PostGraphile v4 with npm into the ignored bench/.postgraphile, once; its executable."""
    executable = POSTGRAPHILE_DIR / "node_modules" / ".bin" / "postgraphile"
    if executable.exists():
        return executable
    POSTGRAPHILE_DIR.mkdir(exist_ok=True)
    (POSTGRAPHILE_DIR / "package.json").write_text('{"private": true}\n')
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--save-exact", *POSTGRAPHILE_PACKAGES],
        cwd=POSTGRAPHILE_DIR,
        check=True,
    )
    return executable


def start_postgraphile(database_url: str, *, workers: int, log_dir: Path) -> Server:
    """PostGraphile v4 on loopback, on the same database, with ``workers`` cluster workers (1: no cluster)."""
    executable = install_postgraphile()
    port = free_port()
    log = log_dir / "postgraphile.log"
    command = [
        str(executable), "-c", database_url.replace("postgresql+asyncpg://", "postgres://"),
        "--schema", "public", "--host", "127.0.0.1", "--port", str(port), "--disable-query-log",
        "--append-plugins", "postgraphile-plugin-connection-filter", "--disable-graphiql",
    ]  # fmt: skip
    if workers > 1:
        command += ["--cluster-workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=POSTGRAPHILE_DIR,
            env={**os.environ, "NODE_ENV": "production"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server("postgraphile", [f"http://127.0.0.1:{port}/graphql"], [process], log)
    wait_until_up(server, request_bytes(server.url, {"query": "{__typename}"}, None))
    return server


# -- the client ----------------------------------------------------------------------------


def request_bytes(url: str, body: dict[str, Any], token: str | None) -> bytes:
    """A complete HTTP/1.1 POST of ``body`` as JSON, keep-alive."""
    host_port, _, path = url.split("//", 1)[1].partition("/")
    payload = json.dumps(body, separators=(",", ":")).encode()
    headers = [
        f"POST /{path} HTTP/1.1",
        f"Host: {host_port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(payload)}",
    ]
    if token:
        headers.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + payload


class Connection:
    """One keep-alive connection."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, url: str) -> Connection:
        host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
        reader, writer = await asyncio.open_connection(host, int(port), limit=2**22)
        return cls(reader, writer)

    async def send(self, request: bytes) -> tuple[int, bytes, bytes]:
        """Status, header block and body of one exchange."""
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lower = head.lower()
        at = lower.find(b"content-length:")
        if at >= 0:
            length = int(head[at + 15 : head.index(b"\r\n", at)])
            body = await self.reader.readexactly(length)
        elif b"transfer-encoding: chunked" in lower:
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n"))[:-2], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            body = b"".join(chunks)
        else:
            raise RuntimeError("response without a length")
        return status, head, body

    def close(self) -> None:
        self.writer.close()


async def exchange(url: str, request: bytes) -> tuple[int, bytes, bytes]:
    """One request on a connection of its own."""
    connection = await Connection.open(url)
    try:
        return await connection.send(request)
    finally:
        connection.close()


@dataclass
class Cell:
    """The figures of one operation on one server at one concurrency."""

    server: str
    operation: str
    concurrency: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    statements: list[int] = field(default_factory=list, repr=False)
    rss_max_mb: float = 0.0
    """The largest resident set of any one serving process during the cell, in MiB."""
    load: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    @property
    def sql_per_request(self) -> float | None:
        return statistics.median(self.statements) if self.statements else None

    def summary(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "operation": self.operation,
            "concurrency": self.concurrency,
            "requests": self.requests,
            "errors": self.errors,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(0.5), 2),
            "p95_ms": round(self.percentile(0.95), 2),
            "p99_ms": round(self.percentile(0.99), 2),
            "sql_per_request": self.sql_per_request,
            "rss_max_mb": round(self.rss_max_mb, 1),
            "load_1min": round(self.load, 2),
        }


def _statements(head: bytes) -> int | None:
    at = head.find(b"x-sql-statements: ")
    if at < 0:
        return None
    return int(head[at + 18 : head.index(b"\r\n", at)])


async def run_cell(
    server: Server, operation: str, request: bytes, *, concurrency: int, seconds: float, warmup: float
) -> Cell:
    """``concurrency`` clients sending ``request`` back to back for ``seconds`` after ``warmup`` seconds."""
    cell = Cell(server.name, operation, concurrency)
    workers = server.workers()
    # connection i goes to process i mod N, as a load balancer would spread them
    connections = [await Connection.open(server.urls[i % len(server.urls)]) for i in range(concurrency)]
    loop = asyncio.get_running_loop()
    start = loop.time()
    measure_from = start + warmup
    stop = measure_from + seconds
    latencies, statements = cell.latencies_ms, cell.statements
    clock = time.perf_counter

    async def client(connection: Connection) -> None:
        while True:
            began = clock()
            status, head, body = await connection.send(request)
            ended = loop.time()
            if ended >= stop:
                return
            if ended < measure_from:
                continue
            latencies.append((clock() - began) * 1000)
            if status != 200 or b'"errors"' in body:
                cell.errors += 1
            counted = _statements(head)
            if counted is not None:
                statements.append(counted)

    async def sample_rss() -> None:
        while loop.time() < stop:
            cell.rss_max_mb = max([cell.rss_max_mb, *(rss_bytes(p) / 2**20 for p in workers)])
            await asyncio.sleep(0.25)

    try:
        await asyncio.gather(sample_rss(), *(client(c) for c in connections))
    finally:
        for c in connections:
            c.close()
    cell.requests = len(latencies)
    cell.seconds = seconds
    cell.load = os.getloadavg()[0]
    return cell


def ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs else float("nan")


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")
