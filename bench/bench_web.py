"""What `genreport serve` costs on top of the library: validate and render over HTTP, 4 clients at once.

    python bench/bench_web.py [--requests 40] [--rounds 7] [--clients 4]

Both sides do the same work on the same bytes, in the same run, alternately:

- library: `load(name, content=…)` (validate) or `load` + `render_docx` (render), from `--clients`
  threads at once in this process (the same concurrency as the HTTP side: reading and writing the
  zip's deflate streams releases the GIL, so threads overlap a little on either side);
- HTTP: `genreport serve` on 127.0.0.1 (a separate process, started before timing), the same number
  of POST /api/validate or /api/render requests from `--clients` threads at once, each with its
  own keep-alive connection.

A round gives seconds per request on each side (wall clock over all requests / requests); its
overhead is HTTP / library − 1. The median over the rounds is printed: the target is < 20 %.
CPU seconds per request are compared the same way (this process's for the library, the server
process's from /proc for HTTP): on a machine shared with other work the wall clock moves with the
load, the CPU a request costs does not.
The difference between the sides is what HTTP, multipart parsing, the JSON or file response and
the hand-off to the server's thread pool add. The machine is shared: rounds alternate the sides so
that a busy spell of other work falls on both, and the median of the rounds is the figure.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402

from generator import load, render_docx  # noqa: E402
from generator.render.registry import template_info  # noqa: E402

SAMPLE = ROOT / "samples" / "003-heshan-2024.xlsx"
TEMPLATE = "provincial"


def library(kind: str, content: bytes, n: int, clients: int) -> float:
    info = template_info(TEMPLATE)

    def one(_: int) -> None:
        loaded = load("upload.xlsx", content=content)
        if kind == "render":
            render_docx(loaded, info)

    start, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(n)))
    return (time.perf_counter() - start) / n, (time.process_time() - cpu) / n


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def over_http(base: str, pid: int, kind: str, content: bytes, n: int, clients: int) -> tuple[float, float]:
    local = [httpx2.Client(base_url=base, timeout=120) for _ in range(clients)]

    def one(i: int) -> None:
        r = local[i % clients].post(f"/api/{kind}", files={"file": ("data.xlsx", content)},
                                    data={"template": TEMPLATE})
        assert r.status_code == 200, r.text

    for c in local:  # connect before timing, as a client that keeps its connection would
        c.get("/")
    start, cpu = time.perf_counter(), cpu_seconds(pid)
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(n)))
    seconds, cpu = (time.perf_counter() - start) / n, (cpu_seconds(pid) - cpu) / n
    for c in local:
        c.close()
    return seconds, cpu


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", str(port), "--data", str(data)],
                            cwd=ROOT, stdout=subprocess.DEVNULL)
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("genreport serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    content = SAMPLE.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_server(Path(tmp))
        try:
            for kind in ("validate", "render"):
                library(kind, content, 8, args.clients), over_http(base, proc.pid, kind, content, 8, args.clients)
                rounds = []
                for _ in range(args.rounds):
                    lib = library(kind, content, args.requests, args.clients)
                    http = over_http(base, proc.pid, kind, content, args.requests, args.clients)
                    rounds.append((lib, http))
                report(kind, rounds, args)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"cores: {os.cpu_count()}, load average at the end: {os.getloadavg()[0]:.1f}")


def report(kind: str, rounds: list[tuple[tuple[float, float], tuple[float, float]]], args) -> None:
    for what, i in (("wall", 0), ("CPU", 1)):
        lib = statistics.median(r[0][i] for r in rounds)
        http = statistics.median(r[1][i] for r in rounds)
        overheads = [r[1][i] / r[0][i] - 1 for r in rounds]
        overhead = statistics.median(overheads)
        each = " ".join(f"{o * 100:+.0f}%" for o in overheads)
        print(f"{kind:<8} {what:<4} library ({args.clients} threads) {lib * 1000:6.1f} ms/request   HTTP ({args.clients} "
              f"clients) {http * 1000:6.1f} ms/request   overhead median {overhead * 100:+.1f}%  (rounds: {each})"
              f"  target < 20%: {'met' if overhead < 0.20 else 'NOT met'}")


if __name__ == "__main__":
    main()
