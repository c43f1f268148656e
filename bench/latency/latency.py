#!/usr/bin/env python3
"""202 -> processing with an idle worker, measured with the job's status events (loopback only, bounded).

For each of N jobs (a 4 s recording, one after another, each waited for until it is finished): the clone request is
sent, and at its 202 answer the job's event stream is opened and read until an event says `processing`. Measured:
  - 202 -> processing event: from the 202 answer to that event's arrival at the client (what a user sees);
  - where the time goes, from the job's own timestamps in the event (same machine, same clock):
      answer   = 202 answer - createdAt  (the job row was made inside the request; its transaction's two-phase commit
                 and the response come after),
      delivery = startedAt - 202 answer  (the broker hands the message to an idle worker; the worker opens its
                 transaction, locks the job and marks it started),
      announce = event arrival - startedAt (the start is written and committed with its status messages, the web
                 node receives them on the status topic and sends the event).
Reference in the same run: the round trip of the job's status endpoint (a GET on loopback, polled as the portal's
fallback would).
Usage: latency.py <VoxClone port> <admin key> [jobs, default 20]   prints one JSON object.
"""
import datetime, http.client, json, os, statistics, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from benchhttp import auth, multipart, request, wav_bytes  # noqa: E402

PORT = int(sys.argv[1])
KEY = sys.argv[2]
JOBS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
WARM_UP = 3
ONBOARDING = "/api/public/voice/onboarding"


def server_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def first_event_past_pending(job, user):
    """Reads the job's event stream until an event is not `pending`; answers (arrival wall time, event JSON)."""
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    c.request("GET", f"{ONBOARDING}/jobs/{job}/events", headers={**auth(user), "Accept": "text/event-stream"})
    r = c.getresponse()
    if r.status != 200:
        raise RuntimeError(f"event stream answered {r.status}")
    try:
        while True:
            line = r.fp.readline()
            if not line:
                raise RuntimeError("event stream closed before the job started")
            line = line.decode().strip()
            if line.startswith("data:"):
                event = json.loads(line[5:].strip())
                if event["status"] != "pending":
                    return time.time(), event
    finally:
        c.close()


def await_finished(job, user):
    deadline = time.time() + 120
    while time.time() < deadline:
        status = json.loads(request(PORT, "GET", f"{ONBOARDING}/jobs/{job}/status", headers=auth(user))[1])["status"]
        if status in ("completed", "failed"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"job {job} did not finish within 120 s")


def main():
    status, body = request(PORT, "POST", "/api/admin/users", json.dumps({"name": "Latency benchmark"}),
                           {**auth(KEY), "Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"could not create the benchmark user: {status} {body[:200]}")
    user = json.loads(body)["apiKey"]
    form, headers = multipart({"voiceName": "Latency"}, wav_bytes(4))
    rows = []
    for i in range(WARM_UP + JOBS):
        status, data = request(PORT, "POST", f"{ONBOARDING}/clone", form, {**auth(user), **headers})
        answered = time.time()
        if status != 202:
            raise RuntimeError(f"clone answered {status}: {data[:300]}")
        job = json.loads(data)["jobId"]
        arrived, event = first_event_past_pending(job, user)
        await_finished(job, user)
        if i >= WARM_UP:
            created, started = server_time(event["createdAt"]), server_time(event["startedAt"])
            rows.append({"total": arrived - answered, "answer": answered - created, "delivery": started - answered,
                         "announce": arrived - started})
    round_trips = []
    for _ in range(JOBS):
        t = time.perf_counter()
        request(PORT, "GET", f"{ONBOARDING}/jobs/{job}/status", headers=auth(user))
        round_trips.append(time.perf_counter() - t)

    def median(key):
        return statistics.median(r[key] for r in rows)

    print(json.dumps({"jobs": JOBS, "to_processing_event_median_s": median("total"),
                      "to_processing_event_max_s": max(r["total"] for r in rows),
                      "answer_median_s": median("answer"), "delivery_median_s": median("delivery"),
                      "announce_median_s": median("announce"),
                      "status_round_trip_median_s": statistics.median(round_trips)}))


main()
