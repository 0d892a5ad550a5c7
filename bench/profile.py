"""Profile one canonical operation inside one process: ``python -m bench.profile``.

The application is built in this process (as a uvicorn worker would build it) and
called through ASGI, with no network in between, so that a profile shows only our
code, the libraries and the driver. It prints the wall-clock and CPU time per
request (CPU time is what a busy machine does not distort), and with
``--profiler pyinstrument`` a call tree; with ``--profiler cprofile`` the functions
that cost most.

Without ``--database`` a scratch database is generated at ``--scale`` (and dropped,
unless ``--keep`` is given, which prints its URL for the next run).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import json
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx

from bench.generate import DEFAULT_SERVER, NOW, Generated, Scale, generate, scratch_database
from bench.operations import operations, subjects


@contextlib.asynccontextmanager
async def _database(args: argparse.Namespace) -> AsyncIterator[tuple[str, Generated | None]]:
    if args.database:
        yield args.database, None
        return
    async with scratch_database(args.server, keep=args.keep) as url:
        generated = await generate(url, Scale.national(args.scale))
        if args.keep:
            print(f"database   {url} (kept: pass it as --database)")
        yield url, generated


async def run(args: argparse.Namespace) -> None:
    async with _database(args) as (url, generated):
        provider = generated.bidding_provider_id if generated else args.provider
        s = await subjects(url, authority_id=15, provider_id=provider, referral_id=1)
        ops = {op.name: op for op in operations(s)}
        with tempfile.TemporaryDirectory(prefix="nwsend-profile-") as tmp:
            os.environ.update(
                {
                    "DATABASE_URL": url,
                    "APP_ENV": "production",
                    "OAUTH_SIGNING_KEY_FILE": str(Path(tmp) / "key.pem"),
                    "DOCUMENT_DIR": str(Path(tmp) / "documents"),
                    "BENCH_NOW": NOW.isoformat(),
                    "BENCH_COUNT_SQL": "1",
                }
            )
            from api.auth.tokens import load_or_create_signing_key
            from bench.__main__ import _tokens
            from bench.server import create

            app = create()
            if args.gc_threshold:
                gc.freeze()
                gc.set_threshold(args.gc_threshold)
            tokens = _tokens(load_or_create_signing_key(Path(tmp) / "key.pem"), "http://127.0.0.1:8000", s)
            transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for name in args.operation:
                    op = ops[name]
                    headers = {"Authorization": f"Bearer {tokens[op.role]}"}

                    async def once(op: Any = op, headers: dict[str, str] = headers) -> httpx.Response:
                        response = await client.post("/graphql", json=op.ours, headers=headers)
                        if response.status_code != 200 or "errors" in response.json():
                            raise RuntimeError(response.text[:500])
                        return response

                    for _ in range(args.warmup):
                        await once()
                    gc.collect()
                    walls, cpus = [], []
                    profiler: Any = None
                    if args.profiler == "pyinstrument":
                        from pyinstrument import Profiler

                        profiler = Profiler(interval=0.0002, async_mode="enabled")
                        profiler.start()
                    elif args.profiler == "cprofile":
                        profiler = cProfile.Profile()
                        profiler.enable()
                    response = None
                    for _ in range(args.requests):
                        w, c = time.perf_counter(), time.process_time()
                        response = await once()
                        cpus.append((time.process_time() - c) * 1000)
                        walls.append((time.perf_counter() - w) * 1000)
                    if args.profiler == "pyinstrument":
                        profiler.stop()
                        print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))
                    elif args.profiler == "cprofile":
                        profiler.disable()
                        stats = pstats.Stats(profiler)
                        if args.output:
                            stats.dump_stats(args.output)
                        stats.sort_stats(args.sort).print_stats(args.top)
                        print(by_library(stats))
                    assert response is not None
                    fastest = sorted(cpus)[len(cpus) // 10]
                    print(
                        f"{name:<14} {args.requests} requests: wall median {statistics.median(walls):.2f} ms, "
                        f"CPU median {statistics.median(cpus):.2f} ms (fastest decile {fastest:.2f}), "
                        f"{response.headers.get('x-sql-statements')} SQL statements, "
                        f"{len(json.dumps(response.json()))} bytes, load {os.getloadavg()[0]:.2f}"
                    )


def by_library(stats: pstats.Stats) -> str:
    """Own time per library (and our packages), the biggest first: where a request's CPU goes."""
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "site-packages/" in filename:
            library = filename.split("site-packages/", 1)[1].split("/", 1)[0]
        elif "/work/" in filename or filename.startswith(("api/", "bench/", "db/")):
            library = "/".join(filename.split("/main/", 1)[-1].split("/")[:2])
        elif filename.startswith("~") or filename.startswith("<"):
            library = "builtins"
        else:
            library = "stdlib:" + filename.rsplit("/", 1)[-1]
        totals[library] = totals.get(library, 0.0) + tottime
    whole = sum(totals.values()) or 1.0
    ranked = sorted(totals.items(), key=lambda x: -x[1])[:25]
    return "\n".join(f"{share / whole:6.1%}  {name}" for name, share in ranked)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("operation", nargs="*", default=["calloffs", "bids", "fee_benchmark", "matching", "nodes"])
    parser.add_argument("--database", help="an existing generated database's URL (else a scratch one is made)")
    parser.add_argument("--provider", type=int, default=9, help="the bidding provider, with --database")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--profiler", choices=("none", "pyinstrument", "cprofile"), default="none")
    parser.add_argument("--sort", default="tottime", help="cProfile order (default: %(default)s)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--gc-threshold", type=int, default=0, help="freeze, then set the first GC threshold")
    parser.add_argument("--output", help="with cprofile: also save the statistics to this file")
    args = parser.parse_args(argv)
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover
        pass
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
