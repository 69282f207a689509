#!/usr/bin/env python3
"""A small bounded load client for the dashboard: REQUESTS GETs from CLIENTS threads over keep-alive connections to
127.0.0.1, cycling over the dashboard's pages (home, collection, package list pages, a search, package pages);
prints the count, the errors and the latency percentiles per page kind and overall."""
import http.client
import sys
import threading
import time
import urllib.parse

url, requests, clients, packages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
host = urllib.parse.urlparse(url)
kinds = [
    ("home", lambda i: "/"),
    ("collection", lambda i: "/collections/load"),
    ("package list page", lambda i: f"/collections/load/packages?page={1 + (i * 37) % 200}"),
    ("search", lambda i: f"/collections/load/packages?q=pkg{(i * 7919) % packages}"),
    ("package page", lambda i: f"/packages/noop/pkg{(i * 104729) % packages}"),
    ("api collection", lambda i: "/api/v1/collections/load"),
]
times = {name: [] for name, _ in kinds}
errors = []
lock = threading.Lock()
counter = iter(range(requests))


def run():
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    while True:
        with lock:
            i = next(counter, None)
        if i is None:
            break
        name, path = kinds[i % len(kinds)]
        start = time.perf_counter()
        connection.request("GET", path(i))
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        with lock:
            times[name].append(elapsed)
            if response.status != 200:
                errors.append((path(i), response.status))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


threads = [threading.Thread(target=run) for _ in range(clients)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
every = [v for values in times.values() for v in values]
print(f"{len(every)} requests in {wall:.1f} s ({len(every) / wall:.0f}/s), {len(errors)} errors {errors[:3]}")
print(f"{'page':<20} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
for name, values in times.items():
    print(f"{name:<20} {len(values):>5} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f} {max(values) * 1000:>8.1f}")
print(f"{'all':<20} {len(every):>5} {pct(every, 50):>8.1f} {pct(every, 95):>8.1f} {max(every) * 1000:>8.1f}")
