"""The national-scale benchmark, side by side with PostGraphile: ``python -m bench`` (``make bench``).

For each scale factor: a scratch PostgreSQL database is created, migrated and
filled by the shared generator; this API (uvicorn, ``--workers`` processes) and
PostGraphile v4 (installed with npm into the ignored bench/.postgraphile) are
started on it; every operation is checked to answer the same on both servers;
then, at each concurrency, each operation runs for a fixed time on our API and
straight after on PostGraphile, and the table of figures is printed. The
database is dropped at the end. Run ``python -m bench --help``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import asyncpg

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.auth.tokens import issue_access_token, load_or_create_signing_key
from bench import load
from bench.generate import DEFAULT_SERVER, Scale, asyncpg_url, generate, scratch_database
from bench.operations import Operation, count_items, operations, subjects

TARGET_P95_MS = 50.0
TARGET_MATCHING_P95_MS = 20.0
TARGET_THROUGHPUT_RATIO = 0.5
TARGET_RSS_MB = 300.0
"""Megabytes of 10^6 bytes, as the target is stated (286 MiB); resident sets are read and printed in MiB."""
MIB_IN_MB = 1.048576
COMPARED = ("calloffs", "bids", "nodes")


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    memory = 0
    try:
        with open("/proc/meminfo") as info:
            memory = int(next(line.split()[1] for line in info if line.startswith("MemTotal"))) // 1024
    except (OSError, StopIteration):
        pass
    return {
        "cpu": model or platform.machine(),
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


async def _server_version(url: str) -> str:
    connection = await asyncpg.connect(asyncpg_url(url))
    try:
        return str(await connection.fetchval("SHOW server_version"))
    finally:
        await connection.close()


def _tokens(key: Any, issuer: str, s: Any) -> dict[str, str]:
    """Tokens minted with the project's token machinery, as the built-in authorization server would."""

    def token(role: Role, **tenancy: int) -> str:
        return issue_access_token(
            key,
            issuer=issuer,
            audience="nwsend-api",
            subject=f"bench-{role.value.lower()}",
            client_id="bench",
            roles=[role],
            scopes=scopes_for(role),
            lifetime=6 * 3600,
            **tenancy,
        )

    return {
        "commissioner": token(Role.AUTHORITY_COMMISSIONER, authority_id=s.authority_id),
        "provider": token(Role.PROVIDER_USER, provider_id=s.provider_id),
    }


async def _check(op: Operation, ours: load.Server, pg: load.Server | None, tokens: dict[str, str]) -> None:
    """Both servers answer the operation without errors, with the same number of items."""
    status, _head, body = await load.exchange(ours.url, load.request_bytes(ours.url, op.ours, tokens[op.role]))
    answer = json.loads(body)
    if status != 200 or answer.get("errors"):
        raise RuntimeError(f"{op.name}: our API answered {status}: {body[:500]!r}")
    found = count_items(op.name, answer["data"], postgraphile=False)
    if op.expect and found != op.expect:
        raise RuntimeError(f"{op.name}: our API returned {found} items, expected {op.expect}")
    if pg is not None and op.postgraphile is not None:
        status, _head, body = await load.exchange(pg.url, load.request_bytes(pg.url, op.postgraphile, None))
        answer = json.loads(body)
        if status != 200 or answer.get("errors"):
            raise RuntimeError(f"{op.name}: PostGraphile answered {status}: {body[:500]!r}")
        theirs = count_items(op.name, answer["data"], postgraphile=True)
        if theirs != found:
            raise RuntimeError(f"{op.name}: PostGraphile returned {theirs} items, our API {found}")


async def run_scale(factor: float, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n== scale {factor:g}", flush=True)
    async with scratch_database(args.server, keep=args.keep) as url:
        generated = await generate(url, Scale.national(factor))
        counts = generated.counts
        print(
            f"generated  {counts['call_off']:,} call-offs, {counts['outcome_value']:,} outcome values, "
            f"{counts['establishment']:,} establishments, {counts['bid']:,} bids in {generated.seconds:.0f} s",
            flush=True,
        )
        s = await subjects(
            url,
            authority_id=generated.commissioner_authority_id,
            provider_id=generated.bidding_provider_id,
            referral_id=generated.referral_id,
        )
        ops = [op for op in operations(s) if not args.only or op.name in args.only]
        with tempfile.TemporaryDirectory(prefix="nwsend-bench-") as tmp:
            work = Path(tmp)
            key_file = work / "signing-key.pem"
            key = load_or_create_signing_key(key_file)
            env = {
                "APP_ENV": "production",
                "OAUTH_SIGNING_KEY_FILE": str(key_file),
                "DOCUMENT_DIR": str(work / "documents"),
                # the per-client limiter stays in the path, at a rate the one benchmark client never reaches
                "RATE_LIMIT": "100000/second",
            }
            ours = pg = base = None
            try:
                ours = load.start_ours(url, workers=args.workers, env=env, log_dir=work, balance=args.balance)
                if args.compare_with:
                    base = load.start_ours(
                        url,
                        workers=args.workers,
                        env=env,
                        log_dir=work,
                        root=args.compare_with,
                        name="before",
                        balance=args.balance,
                    )
                if not args.no_postgraphile:
                    pg = load.start_postgraphile(url, workers=args.postgraphile_workers, log_dir=work)
                tokens = _tokens(key, ours.url.rsplit("/", 1)[0], s)
                for op in ops:
                    await _check(op, ours, pg, tokens)
                before_tokens = tokens if base is None else _tokens(key, base.url.rsplit("/", 1)[0], s)
                print(HEADER, flush=True)
                cells: list[load.Cell] = []
                for concurrency in args.concurrency:
                    for op in ops:
                        targets: list[tuple[load.Server, dict[str, Any], str | None]] = [
                            (ours, op.ours, tokens[op.role])
                        ]
                        if base is not None:
                            targets.append((base, op.ours, before_tokens[op.role]))
                        if pg is not None and op.postgraphile is not None:
                            targets.append((pg, op.postgraphile, None))
                        for server, body, token in targets:
                            cell = await load.run_cell(
                                server,
                                op.name,
                                load.request_bytes(server.url, body, token),
                                concurrency=concurrency,
                                seconds=args.seconds,
                                warmup=args.warmup,
                            )
                            cells.append(cell)
                            _print_cell(factor, cell)
            finally:
                for server in (ours, pg, base):
                    if server is not None:
                        server.stop()
    return {
        "scale": factor,
        "counts": counts,
        "generate_seconds": round(generated.seconds, 1),
        "cells": [c.summary() for c in cells],
    }


HEADER = (
    f"{'scale':>5} {'operation':<14} {'conc':>4} {'server':<12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'p99 ms':>8} {'SQL/req':>7} {'RSS MiB':>8} {'errors':>6} {'load':>5}"
)


def _print_cell(factor: float, c: load.Cell) -> None:
    sql = "" if c.sql_per_request is None else f"{c.sql_per_request:g}"
    print(
        f"{factor:>5g} {c.operation:<14} {c.concurrency:>4} {c.server:<12} {c.rps:>8.1f} {c.percentile(0.5):>8.2f} "
        f"{c.percentile(0.95):>8.2f} {c.percentile(0.99):>8.2f} {sql:>7} {c.rss_max_mb:>8.1f} {c.errors:>6} "
        f"{c.load:>5.2f}",
        flush=True,
    )


def _find(cells: Sequence[dict[str, Any]], server: str, op: str, concurrency: int) -> dict[str, Any] | None:
    return next(
        (c for c in cells if c["server"] == server and c["operation"] == op and c["concurrency"] == concurrency),
        None,
    )


def report(results: list[dict[str, Any]], info: dict[str, Any]) -> list[str]:
    """The ratios to PostGraphile and the targets, as lines of text."""
    lines = ["", "== ours / PostGraphile (throughput: higher is better; p50 latency: lower is better)"]
    lines.append(f"{'scale':>5} {'operation':<14} {'conc':>4} {'req/s ratio':>11} {'p50 ratio':>9} {'p95 ratio':>9}")
    for result in results:
        cells = result["cells"]
        for c in cells:
            if c["server"] != "ours" or c["operation"] not in COMPARED:
                continue
            theirs = _find(cells, "postgraphile", c["operation"], c["concurrency"])
            if theirs is None:
                continue
            lines.append(
                f"{result['scale']:>5g} {c['operation']:<14} {c['concurrency']:>4} "
                f"{load.ratio(c['rps'], theirs['rps']):>11.2f} {load.ratio(c['p50_ms'], theirs['p50_ms']):>9.2f} "
                f"{load.ratio(c['p95_ms'], theirs['p95_ms']):>9.2f}"
            )
    lines += ["", "== targets (at the largest scale run)"]
    largest = max(results, key=lambda r: r["scale"])
    cells = largest["cells"]

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "NOT MET")

    for op in ("calloffs", "bids", "fee_benchmark", "nodes"):
        c = _find(cells, "ours", op, 16)
        ok = None if c is None else c["p95_ms"] < TARGET_P95_MS
        shown = "-" if c is None else f"{c['p95_ms']:.1f} ms"
        lines.append(f"p95 at 16 clients under {TARGET_P95_MS:g} ms   {op:<14} {shown:>10}  {verdict(ok)}")
    for concurrency in (1, 16):
        c = _find(cells, "ours", "matching", concurrency)
        ok = None if c is None else c["p95_ms"] < TARGET_MATCHING_P95_MS
        shown = "-" if c is None else f"{c['p95_ms']:.1f} ms"
        lines.append(
            f"matching p95 under {TARGET_MATCHING_P95_MS:g} ms, {concurrency:>2} client(s)  {shown:>10}  {verdict(ok)}"
        )
    for op in COMPARED:
        c, theirs = _find(cells, "ours", op, 16), _find(cells, "postgraphile", op, 16)
        r = None if c is None or theirs is None else load.ratio(c["rps"], theirs["rps"])
        ok = None if r is None or math.isnan(r) else r >= TARGET_THROUGHPUT_RATIO
        shown = "-" if r is None else f"{r:.2f}"
        lines.append(f"throughput at 16 clients >= {TARGET_THROUGHPUT_RATIO:g} x PostGraphile  {op:<8} {shown:>6}  "
                     f"{verdict(ok)}")  # fmt: skip
    rss = max((c["rss_max_mb"] for c in cells if c["server"] == "ours"), default=None)
    shown = "-" if rss is None else f"{rss:.0f} MiB ({rss * MIB_IN_MB:.0f} MB)"
    ok = None if rss is None else rss * MIB_IN_MB < TARGET_RSS_MB
    lines.append(f"server RSS per worker under {TARGET_RSS_MB:g} MB     {shown:>10}  {verdict(ok)}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run: scale 0.1, 1 and 16 clients, 3 s cells")
    parser.add_argument("--scale", default=None, help="comma-separated scale factors (default: 0.1,1.0)")
    parser.add_argument("--concurrency", default=None, help="comma-separated client counts (default: 1,16,64)")
    parser.add_argument("--seconds", type=float, default=None, help="measured seconds per cell (default: 10)")
    parser.add_argument("--warmup", type=float, default=None, help="unmeasured seconds first per cell (default: 2)")
    parser.add_argument("--workers", type=int, default=2, help="our API's worker processes (default: %(default)s)")
    parser.add_argument(
        "--balance",
        choices=("processes", "uvicorn"),
        default="processes",
        help="processes: one uvicorn per worker, connections spread over them in turn, as a load balancer would "
        "(default); uvicorn: one uvicorn --workers N sharing a socket",
    )
    parser.add_argument(
        "--postgraphile-workers", type=int, default=2, help="PostGraphile cluster workers (default: %(default)s)"
    )
    parser.add_argument("--no-postgraphile", action="store_true", help="run our API alone")
    parser.add_argument("--only", default="", help="comma-separated operations: calloffs,bids,fee_benchmark,...")
    parser.add_argument(
        "--server",
        default=DEFAULT_SERVER,
        help="PostgreSQL server URL without a database name (default: $BENCH_POSTGRES_URL or %(default)s)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument(
        "--compare-with",
        type=Path,
        default=None,
        help="another source tree of the project (an earlier version) to serve and run too, as 'before'",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    args.server = args.server.rstrip("/")
    scales = args.scale or ("0.1" if args.quick else "0.1,1.0")
    concurrency = args.concurrency or ("1,16" if args.quick else "1,16,64")
    args.scales = [float(x) for x in scales.split(",")]
    args.concurrency = [int(x) for x in concurrency.split(",")]
    args.seconds = args.seconds if args.seconds is not None else (3.0 if args.quick else 10.0)
    args.warmup = args.warmup if args.warmup is not None else (1.0 if args.quick else 2.0)
    args.only = [x for x in args.only.split(",") if x]

    info = machine()
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it
        pass

    async def everything() -> tuple[str, list[dict[str, Any]]]:
        version = await _server_version(f"{args.server}/postgres")
        print(
            f"machine    {info['cpu']}, {info['cores']} cores, {info['memory_mb']:,} MiB, {info['os']}, "
            f"Python {info['python']}, PostgreSQL {version} on the same machine"
        )
        print(f"load       {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5 and 15 min) at the start")
        print(
            f"servers    ours: {args.workers} uvicorn worker(s) ({args.balance}); PostGraphile 4: "
            f"{args.postgraphile_workers} worker(s); cells of {args.seconds:g} s after {args.warmup:g} s warm-up"
        )
        return version, [await run_scale(factor, args) for factor in args.scales]

    version, results = asyncio.run(everything())
    lines = report(results, info)
    print("\n".join(lines))
    print(f"\nload       {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5 and 15 min) at the end")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": {**info, "postgresql": version},
                    "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "args": {k: v for k, v in vars(args).items() if k not in ("json",)},
                    "results": results,
                },
                indent=1,
                default=str,
            )
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
