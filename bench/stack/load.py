#!/usr/bin/env python3
"""Load and latency measurements against a running VoxClone on this machine (loopback only, bounded).

Measures, each next to a reference taken in the same run:
  (b) accepted uploads per second with 16 concurrent 5 MB uploads, against the same uploads from the same client
      sent to the upload anchor: a bare servlet on the same Payara Micro, in a JVM of its own with the same options,
      that streams the body to a temporary file, deletes it and answers 202;
  (c) time from the 202 answer to the job being 'processing' with an idle worker, against the round trip of
      the status endpoint itself.
Both upload measurements are preceded by the same warm-up (one upload per client connection, not counted) and
record the CPU time the servers and the client spent in the measured window.
Usage: load.py <VoxClone port> <admin key> <anchor port>   prints one JSON object.
"""
import json, os, statistics, sys, threading, time

import stackmem

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import benchhttp  # noqa: E402
from benchhttp import auth, multipart, wav_bytes  # noqa: E402

BASE_PORT = int(sys.argv[1])
KEY = sys.argv[2]
ANCHOR_PORT = int(sys.argv[3])
UPLOADS = int(os.environ.get("BENCH_UPLOADS", "48"))
CONCURRENCY = 16
TICKS = os.sysconf("SC_CLK_TCK")


def request(method, path, body=None, headers=None, port=BASE_PORT):
    return benchhttp.request(port, method, path, body, headers)


def cpu_seconds(pids):
    """User plus system CPU time of the processes, in seconds (processes that are gone count 0)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return total / TICKS


def stack_pids(launcher, postgres_dir):
    pm = stackmem.postmaster(postgres_dir)
    return [launcher] + ([pm] + stackmem.children(pm) if pm else [])


def concurrent_uploads(port, path, headers, body, count, server_pids=lambda: []):
    """Sends a warm-up of CONCURRENCY uploads (not counted), then `count` uploads, with CONCURRENCY threads.

    Returns the measured uploads' accepted uploads per second, statuses, and the CPU seconds the server processes
    (`server_pids()`) and this client spent meanwhile."""
    def run(n):
        statuses = []
        lock = threading.Lock()
        next_index = [0]

        def worker():
            while True:
                with lock:
                    if next_index[0] >= n:
                        return
                    next_index[0] += 1
                status, _ = request("POST", path, body, headers, port)
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return statuses

    run(CONCURRENCY)
    pids = server_pids()
    server_cpu, client_cpu = cpu_seconds(pids), time.process_time()
    start = time.perf_counter()
    statuses = run(count)
    elapsed = time.perf_counter() - start
    server_cpu, client_cpu = cpu_seconds(pids) - server_cpu, time.process_time() - client_cpu
    accepted = sum(1 for s in statuses if s == 202)
    return accepted / elapsed, statuses, server_cpu, client_cpu


def main():
    status, data = request("POST", "/api/admin/users", json.dumps({"name": "Benchmark"}),
                           {**auth(KEY), "Content-Type": "application/json"})
    created = json.loads(data)
    user = created["apiKey"]
    # The benchmark queues far more jobs and audio than one person's quotas allow: lift them for its user.
    request("PUT", f"/api/admin/users/{created['userId']}/quotas",
            json.dumps({"voices": 100000, "storedBytes": 1 << 40, "concurrentJobs": 100000}),
            {**auth(KEY), "Content-Type": "application/json"})

    # (c) 202 -> processing with an idle worker, several times; reference: the status round trip.
    small_body, small_headers = multipart({"voiceName": "Latency"}, wav_bytes(4))
    latencies, round_trips = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        status, data = request("POST", "/api/public/voice/onboarding/clone", small_body, {**auth(user), **small_headers})
        t202 = time.perf_counter()
        job = json.loads(data)["jobId"]
        while True:
            t = time.perf_counter()
            _, s = request("GET", f"/api/public/voice/onboarding/jobs/{job}/status", headers=auth(user))
            round_trips.append(time.perf_counter() - t)
            if json.loads(s)["status"] != "pending":
                latencies.append(time.perf_counter() - t202)
                break
        while json.loads(request("GET", f"/api/public/voice/onboarding/jobs/{job}/status", headers=auth(user))[1])["status"] in ("pending", "processing"):
            time.sleep(0.2)

    # (b) 16 concurrent 5 MB uploads, against the upload anchor: the same uploads from the same client.
    five_mb = wav_bytes(5 * 1024 * 1024 / 48000)
    big_body, big_headers = multipart({"voiceName": "Throughput"}, five_mb)
    anchor = int(os.environ["BENCH_ANCHOR_PID"])
    anchor_rate, anchor_statuses, anchor_cpu, anchor_client_cpu = concurrent_uploads(
        ANCHOR_PORT, "/upload", big_headers, big_body, UPLOADS, lambda: [anchor])
    launcher = int(os.environ["BENCH_LAUNCHER_PID"])
    postgres_dir = os.environ["BENCH_POSTGRES_DIR"]
    memory_samples = []
    stop = threading.Event()

    def sample_memory():
        while not stop.is_set():
            memory_samples.append(stackmem.stack_pss_kb(launcher, postgres_dir))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    vox_rate, statuses, vox_cpu, vox_client_cpu = concurrent_uploads(
        BASE_PORT, "/api/public/voice/onboarding/clone", {**auth(user), **big_headers}, big_body, UPLOADS,
        lambda: stack_pids(launcher, postgres_dir))
    stop.set()
    sampler.join()

    def counts(s):
        return {str(c): s.count(c) for c in sorted(set(s))}

    accepted, anchor_accepted = statuses.count(202), anchor_statuses.count(202)
    print(json.dumps({
        "uploads": UPLOADS, "concurrency": CONCURRENCY, "upload_bytes": len(five_mb), "request_bytes": len(big_body),
        "voxclone_accepted_per_s": vox_rate, "anchor_accepted_per_s": anchor_rate, "accepted_ratio": vox_rate / anchor_rate,
        "upload_statuses": counts(statuses), "anchor_statuses": counts(anchor_statuses),
        "voxclone_server_cpu_s_per_upload": vox_cpu / max(accepted, 1), "anchor_server_cpu_s_per_upload": anchor_cpu / max(anchor_accepted, 1),
        "voxclone_client_cpu_s": vox_client_cpu, "anchor_client_cpu_s": anchor_client_cpu,
        "voxclone_window_s": accepted / vox_rate if vox_rate else None, "anchor_window_s": anchor_accepted / anchor_rate if anchor_rate else None,
        "to_processing_median_s": statistics.median(latencies), "status_round_trip_median_s": statistics.median(round_trips),
        "to_processing_over_round_trip": statistics.median(latencies) / statistics.median(round_trips),
        "stack_pss_peak_under_upload_load_kb": max(memory_samples) if memory_samples else None,
    }))


if __name__ == "__main__":
    main()
