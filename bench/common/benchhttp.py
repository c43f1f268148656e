"""What the benchmarks share: HTTP calls to the product on loopback, a speech-like test recording, multipart forms."""
import http.client, io, math, struct, uuid, wave


def request(port, method, path, body=None, headers=None, timeout=120):
    """One request on a new connection; answers (status, body bytes)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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
