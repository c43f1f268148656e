#!/usr/bin/env python3
"""Prepares a running VoxClone on this machine for the JMS benchmark (loopback only).

Creates a user with the administrator key, raises its quotas, clones a voice from a generated speech-like recording and
waits until the clone job is done. Writes the same recording (24 kHz mono 16-bit WAV) to <wav path>, for the engine
called directly in the client JVM.
Also creates an integration account for the user (the broker account an enterprise system would get).
Usage: setup.py <port> <admin key> <wav path>   prints one JSON object: userId, apiKey, voiceId, engine, clientUser,
clientPassword.
"""
import json, os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import benchhttp  # noqa: E402
from benchhttp import auth, multipart, wav_bytes  # noqa: E402

PORT = int(sys.argv[1])
ADMIN = sys.argv[2]
WAV = sys.argv[3]


def request(method, path, body=None, headers=None):
    return benchhttp.request(PORT, method, path, body, headers, timeout=300)


def main():
    json_headers = {**auth(ADMIN), "Content-Type": "application/json"}
    st, body = request("POST", "/api/admin/users", json.dumps({"name": "JMS benchmark"}), json_headers)
    assert st == 201, (st, body)
    user = json.loads(body)
    quotas = {"synthesisSecondsPerDay": 100000, "concurrentJobs": 1000, "voices": 1000}
    st, body = request("PUT", f"/api/admin/users/{user['userId']}/quotas", json.dumps(quotas), json_headers)
    assert st == 200, (st, body)

    st, body = request("POST", "/api/admin/jms-clients", json.dumps({"name": "JMS benchmark", "userId": user["userId"]}),
                       json_headers)
    assert st == 201, (st, body)
    account = json.loads(body)

    recording = wav_bytes(12)
    with open(WAV, "wb") as f:
        f.write(recording)
    form, headers = multipart({"voiceName": "JMS benchmark voice"}, recording)
    st, body = request("POST", "/api/public/voice/onboarding/clone", form, {**auth(user["apiKey"]), **headers})
    assert st == 202, (st, body)
    job = json.loads(body)["jobId"]
    deadline = time.monotonic() + 300
    while True:
        st, body = request("GET", f"/api/public/voice/onboarding/jobs/{job}/status", headers=auth(user["apiKey"]))
        status = json.loads(body)
        if status["status"] in ("completed", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert status["status"] == "completed", status
    print(json.dumps({"userId": user["userId"], "apiKey": user["apiKey"], "voiceId": status["voiceId"],
                      "engine": (status.get("workerInfo") or {}).get("engine"),
                      "clientUser": account["username"], "clientPassword": account["password"]}))


if __name__ == "__main__":
    main()
