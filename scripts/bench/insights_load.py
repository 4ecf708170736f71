#!/usr/bin/env python3
"""Loads synthetic usage events into a running Foyer over HTTP (4 clients, batches of 500) and
measures the rate (batch bodies are made before the clock starts), then measures Python's sqlite3
inserting the same rows into the same table shape as the ceiling. Usage: insights_load.py URL TOKEN EVENTS USERS WORKDIR"""
import calendar
import http.client
import json
import random
import sqlite3
import sys
import threading
import time
import urllib.request

BATCH = 500
CLIENTS = 4
PAGES = ["/", "/catalog", "/catalog?kind=component", "/search", "/docs/a", "/docs/b"] + [f"/catalog/default/component/c{i}" for i in range(200)]
TERMS = ["payments", "kafka", "terraform", "basket", "on-call", "graphql"] + [f"term {i}" for i in range(100)]
YEAR_START = 1764547200  # 2025-12-01T00:00:00Z: the year before the day of the benchmark run (2026-12-01)


def make_batch(rng, users, count, first_id):
    batch = []
    for offset in range(count):
        roll = rng.random()
        when = YEAR_START + int(rng.random() * 365 * 86400)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))
        user = f"user:default/u{int(rng.random() ** 1.5 * users)}"
        if roll < 0.7:
            event = {"action": "navigate", "subject": rng.choice(PAGES), "context": {"pluginId": "catalog"}}
        elif roll < 0.9:
            event = {"action": "search", "subject": rng.choice(TERMS), "value": rng.randint(0, 5), "context": {"pluginId": "search"}}
        else:
            event = {"action": "click", "subject": "docs", "context": {"entityRef": f"component:default/c{rng.randint(0, 199)}"}}
        event.update({"id": f"e{first_id + offset}", "user": user, "timestamp": stamp})
        batch.append(event)
    return batch


def make_bodies(total, users):
    """Every batch's JSON body, made before the clock starts so the client's own work is not measured."""
    rng = random.Random(7)
    return [json.dumps(make_batch(rng, users, min(BATCH, total - start), start)).encode() for start in range(0, total, BATCH)]


def ingest(url, token, bodies):
    host, port = url.removeprefix("http://").split(":")
    lock = threading.Lock()
    state = {"next": 0, "accepted": 0}

    def client():
        connection = http.client.HTTPConnection(host, int(port), timeout=300)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        while True:
            with lock:
                if state["next"] >= len(bodies):
                    return
                body = bodies[state["next"]]
                state["next"] += 1
            connection.request("POST", "/api/insights/events", body=body, headers=headers)
            response = connection.getresponse()
            answer = json.loads(response.read())
            if response.status != 202:
                raise SystemExit(f"ingest failed with {response.status}: {answer}")
            with lock:
                state["accepted"] += answer["accepted"]
                progress()

    def progress():
        """Prints the rate of every million events as it passes: the store grows as they go in."""
        if state["accepted"] >= state["report"]:
            now = time.perf_counter()
            print(f"  {state['report']:>12,} events: {state['report'] / (now - began):>8,.0f} events/s so far, "
                  f"{1_000_000 / (now - state['last']):>8,.0f} events/s for the last million", flush=True)
            state["report"] += 1_000_000
            state["last"] = now

    began = time.perf_counter()
    state.update(report=1_000_000, last=began)
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return state["accepted"], seconds


def sqlite_ceiling(workdir, bodies, sample):
    """Python's sqlite3 inserting the same rows, 500 per transaction, into the same table and indexes
    (rows converted before the clock starts)."""
    db = sqlite3.connect(f"{workdir}/ceiling.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE insights_events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, user_ref TEXT NOT NULL, "
               "action TEXT NOT NULL, subject TEXT NOT NULL, value REAL, attributes TEXT, context TEXT, occurred_at BIGINT NOT NULL, "
               "day INTEGER NOT NULL, received_at BIGINT NOT NULL)")
    batches = []
    seq = 0
    for body in bodies[:sample // BATCH]:
        rows = []
        for event in json.loads(body):
            when = calendar.timegm(time.strptime(event["timestamp"], "%Y-%m-%dT%H:%M:%SZ")) * 1000
            seq += 1
            rows.append((seq, event["id"], event["user"], event["action"], event["subject"], event.get("value"), None,
                         json.dumps(event["context"], separators=(",", ":")), when, when // 86400000, when))
        batches.append(rows)
    began = time.perf_counter()
    for rows in batches:
        db.execute("BEGIN")
        db.executemany("INSERT INTO insights_events VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        db.execute("COMMIT")
    return seq / (time.perf_counter() - began)


def main():
    url, token, total, users, workdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    print(f"==> ingest of {total:,} events from {users:,} users over HTTP ({CLIENTS} clients, batches of {BATCH})")
    bodies = make_bodies(total, users)
    accepted, seconds = ingest(url, token, bodies)
    rate = accepted / seconds
    print(f"ingest:             {accepted:,} of {total:,} events accepted in {seconds:.1f} s = {rate:,.0f} events/s")
    sample = min(total, 200_000)
    ceiling = sqlite_ceiling(workdir, bodies, sample)
    print(f"raw SQLite ceiling: {ceiling:,.0f} rows/s (Python sqlite3, same rows and table, {sample:,} rows)")
    print(f"ratio:              {rate / ceiling:.0%} of the raw insert rate")


if __name__ == "__main__":
    main()
