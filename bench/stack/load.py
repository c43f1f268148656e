#!/usr/bin/env python3
"""Load and latency measurements against a running VoxClone on this machine (loopback only, bounded).

Measures, each next to a reference taken in the same run:
  (b) accepted uploads per second with 16 concurrent 5 MB uploads, against the same uploads sent to a plain
      HTTP sink on loopback that only reads the bytes (the client's and the loopback's own cost);
  (c) time from the 202 answer to the job being 'processing' with an idle worker, against the round trip of
      the status endpoint itself.
Prints one JSON object.
"""
import http.client, http.server, json, statistics, sys, threading, time, uuid, io, wave, math, struct, os

import stackmem

BASE_PORT = int(sys.argv[1])
KEY = sys.argv[2]
UPLOADS = int(os.environ.get("BENCH_UPLOADS", "48"))
CONCURRENCY = 16


def request(method, path, body=None, headers=None, port=BASE_PORT):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def wav_bytes(seconds, rate=24000):
    """A speech-like test signal: a glottal-ish pulse train through a few resonances, with pauses."""
    n = int(seconds * rate)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for i in range(n):
            t = i / rate
            f0 = 120 + 20 * math.sin(2 * math.pi * 0.7 * t)
            voiced = (int(t * 3) % 4) != 3
            s = 0.0
            if voiced:
                for formant, amp in ((700, 0.5), (1200, 0.3), (2600, 0.15)):
                    s += amp * math.sin(2 * math.pi * formant * t) * (0.5 + 0.5 * math.sin(2 * math.pi * f0 * t))
            frames += struct.pack("<h", int(max(-1, min(1, 0.3 * s)) * 32767))
        w.writeframes(bytes(frames))
    return buf.getvalue()


def multipart(fields, file_bytes, name="sample.wav"):
    boundary = "----bench" + uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
    out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
              f"Content-Type: application/octet-stream\r\n\r\n".encode())
    out.write(file_bytes)
    out.write(f"\r\n--{boundary}--\r\n".encode())
    return out.getvalue(), {"Content-Type": "multipart/form-data; boundary=" + boundary}


def auth(key):
    return {"Authorization": "Bearer " + key}


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        remaining = int(self.headers.get("Content-Length", "0"))
        while remaining > 0:
            remaining -= len(self.rfile.read(min(remaining, 65536)))
        body = b'{"ok":true}'
        self.send_response(202)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def concurrent_uploads(port, path, headers, body, count):
    """Sends `count` uploads with CONCURRENCY threads; returns (accepted per second, statuses)."""
    statuses = []
    lock = threading.Lock()
    next_index = [0]

    def worker():
        while True:
            with lock:
                if next_index[0] >= count:
                    return
                next_index[0] += 1
            status, _ = request("POST", path, body, headers, port)
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    accepted = sum(1 for s in statuses if s == 202)
    return accepted / elapsed, statuses


def main():
    status, data = request("POST", "/api/admin/users", json.dumps({"name": "Benchmark"}),
                           {**auth(KEY), "Content-Type": "application/json"})
    user = json.loads(data)["apiKey"]

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

    # (b) 16 concurrent 5 MB uploads, against a plain sink on loopback.
    five_mb = wav_bytes(5 * 1024 * 1024 / 48000)
    big_body, big_headers = multipart({"voiceName": "Throughput"}, five_mb)
    sink = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    sink_rate, _ = concurrent_uploads(sink.server_address[1], "/upload", big_headers, big_body, UPLOADS)
    sink.shutdown()
    launcher = os.environ.get("BENCH_LAUNCHER_PID")
    postgres_dir = os.environ.get("BENCH_POSTGRES_DIR")
    memory_samples = []
    stop = threading.Event()

    def sample_memory():
        while not stop.is_set() and launcher:
            memory_samples.append(stackmem.stack_pss_kb(int(launcher), postgres_dir))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    vox_rate, statuses = concurrent_uploads(BASE_PORT, "/api/public/voice/onboarding/clone", {**auth(user), **big_headers}, big_body, UPLOADS)
    stop.set()
    sampler.join()

    print(json.dumps({
        "uploads": UPLOADS, "concurrency": CONCURRENCY, "upload_bytes": len(five_mb),
        "voxclone_accepted_per_s": vox_rate, "sink_accepted_per_s": sink_rate, "accepted_ratio": vox_rate / sink_rate,
        "upload_statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "to_processing_median_s": statistics.median(latencies), "status_round_trip_median_s": statistics.median(round_trips),
        "to_processing_over_round_trip": statistics.median(latencies) / statistics.median(round_trips),
        "stack_pss_peak_under_upload_load_kb": max(memory_samples) if memory_samples else None,
    }))


if __name__ == "__main__":
    main()
