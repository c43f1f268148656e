#!/usr/bin/env python3
"""Speech benchmark against a running VoxClone on this machine (loopback only, bounded).

Creates a user with the administrator key, raises its daily speech quota, clones a voice from a generated speech-like
recording, then speaks the same 1,000-word English text with POST /v1/audio/speech (MP3, the default format) several
times: streamed (the default) and as one complete file ("stream": false), alternating. For each request it records the
time to the first byte of audio and the total time. A single sentence spoken as one complete file is measured in the
same run as the reference for the first byte of a stream (the first piece of a long text is about one sentence).
Usage: speech.py <port> <admin key> <rounds>   prints one JSON object.
"""
import http.client, json, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import benchhttp  # noqa: E402
from benchhttp import auth, multipart, wav_bytes  # noqa: E402

PORT = int(sys.argv[1])
ADMIN = sys.argv[2]
ROUNDS = int(sys.argv[3])
TIMEOUT = 900


def request(method, path, body=None, headers=None):
    return benchhttp.request(PORT, method, path, body, headers, timeout=TIMEOUT)


def text_of(words=1000):
    """A deterministic English text of exactly `words` words: varied sentences of different lengths and shapes."""
    subjects = ["The engineer", "Our neighbour", "A quiet student", "The old captain", "My sister", "The new manager",
                "A tired traveller", "The baker", "Every visitor", "The young pilot"]
    verbs = ["carried", "painted", "repaired", "described", "collected", "measured", "forgot", "noticed", "borrowed", "opened"]
    objects = ["a wooden box", "the broken clock", "seven green bottles", "the map of the harbour", "a letter from home",
               "the heavy door", "twelve small stones", "the red umbrella", "a basket of apples", "the silver key"]
    tails = ["before the rain began.", "while the band was playing in the square.", "and then walked slowly home.",
             "because nobody else had time that morning.", "near the end of the long summer.",
             "although the road was closed for repairs.", "with great care and a little help.",
             "after lunch on a Thursday in March.", "just as the train left the station.", "without saying a word to anyone."]
    questions = ["Did anyone see where it went?", "Why would they leave so early?", "How many times did this happen?"]
    out, i = [], 0
    while sum(len(s.split()) for s in out) < words:
        s = f"{subjects[i % 10]} {verbs[(i * 3) % 10]} {objects[(i * 7) % 10]} {tails[(i * 9 + i // 10) % 10]}"
        out.append(s)
        if i % 4 == 3:
            out.append(questions[i % 3])
        i += 1
    all_words = " ".join(out).split()[:words]
    t = " ".join(all_words)
    return t if t.endswith((".", "?")) else t.rstrip(",;") + "."


def speak(key, voice, text, stream):
    body = {"model": "tts-1", "voice": voice, "input": text}
    if not stream:
        body["stream"] = False
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT)
    start = time.monotonic()
    c.request("POST", "/v1/audio/speech", body=json.dumps(body),
              headers={**auth(key), "Content-Type": "application/json"})
    r = c.getresponse()
    first = r.read1(65536) if r.status == 200 else r.read()
    t_first = time.monotonic() - start
    if r.status != 200:
        raise SystemExit(f"speech answered {r.status}: {first[:300]!r}")
    chunks = [first]
    while True:
        b = r.read1(65536)
        if not b:
            break
        chunks.append(b)
    total = time.monotonic() - start
    c.close()
    return t_first, total, b"".join(chunks)


def seconds_of(mp3):
    with tempfile.NamedTemporaryFile(suffix=".mp3") as f:
        f.write(mp3)
        f.flush()
        out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", f.name],
                             capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def main():
    st, body = request("POST", "/api/admin/users", json.dumps({"name": "Speech benchmark"}),
                       {**auth(ADMIN), "Content-Type": "application/json"})
    assert st == 201, (st, body)
    user = json.loads(body)
    key = user["apiKey"]
    st, body = request("PUT", f"/api/admin/users/{user['userId']}/quotas", json.dumps({"synthesisSecondsPerDay": 100000}),
                       {**auth(ADMIN), "Content-Type": "application/json"})
    assert st == 200, (st, body)

    form, headers = multipart({"voiceName": "Benchmark voice"}, wav_bytes(12))
    st, body = request("POST", "/api/public/voice/onboarding/clone", form, {**auth(key), **headers})
    assert st == 202, (st, body)
    job = json.loads(body)["jobId"]
    deadline = time.monotonic() + 300
    while True:
        st, body = request("GET", f"/api/public/voice/onboarding/jobs/{job}/status", headers=auth(key))
        status = json.loads(body)
        if status["status"] in ("completed", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert status["status"] == "completed", status
    voice = status["voiceId"]

    text = text_of()
    sentence = text.split(". ")[0] + "."
    speak(key, voice, sentence, True)   # warm-up, not counted
    rows = {"stream": [], "file": [], "sentence": []}
    audio_s = None
    for _ in range(ROUNDS):
        f, t, _audio = speak(key, voice, text, True)
        rows["stream"].append((f, t))
        f, t, audio = speak(key, voice, text, False)
        rows["file"].append((f, t))
        audio_s = audio_s or seconds_of(audio)
        f, t, _audio = speak(key, voice, sentence, False)
        rows["sentence"].append((f, t))

    med = lambda xs: statistics.median(xs)
    s_first = med([f for f, _ in rows["stream"]])
    s_total = med([t for _, t in rows["stream"]])
    f_first = med([f for f, _ in rows["file"]])
    f_total = med([t for _, t in rows["file"]])
    print(json.dumps({
        "rounds": ROUNDS, "words": len(text.split()), "characters": len(text), "sentence_characters": len(sentence),
        "audio_seconds": audio_s, "engine": (status.get("workerInfo") or {}).get("engine"),
        "stream": rows["stream"], "file": rows["file"], "sentence": rows["sentence"],
        "stream_first_median_s": s_first, "stream_total_median_s": s_total,
        "stream_first_over_total": [f / t for f, t in rows["stream"]],
        "stream_first_over_total_median": med([f / t for f, t in rows["stream"]]),
        "file_first_median_s": f_first, "file_total_median_s": f_total,
        "sentence_total_median_s": med([t for _, t in rows["sentence"]]),
    }))


if __name__ == "__main__":
    main()
