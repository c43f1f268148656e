#!/usr/bin/env python3
"""The VoxClone image archive: writes it from layer tarballs, and reads back what a container engine would run.

  image.py write ARCHIVE TAG VERSION BASE_LAYER APP_LAYER   writes a `docker load` / `podman load` archive
  image.py layers ARCHIVE_DIR                                 the layer files of an unpacked archive, in order
  image.py run ARCHIVE_DIR                                    what the image runs: user=, workdir=, env= and argv= lines
"""
import hashlib
import json
import os
import shutil
import sys
import tarfile
import tempfile
from datetime import datetime, timezone

USER = "10001:10001"
HOME = "/var/lib/voxclone"


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write(archive, tag, version, base_layer, app_layer):
    created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    layers = [(base_layer, "Debian with the Java runtime and the voxclone user"),
              (app_layer, "VoxClone " + version + ": launcher, application server, applications")]
    ids = [digest(path) for path, _ in layers]
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": created,
        "config": {
            "User": USER,
            "WorkingDir": HOME,
            "Env": [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG=C.UTF-8",
                "VOXCLONE_DATA_DIR=" + HOME + "/data",
                # As ./voxclone start: a 1 GB heap and the serial collector; override the variable to change them.
                "JAVA_TOOL_OPTIONS=-Xmx1g -XX:+UseSerialGC",
            ],
            "Entrypoint": ["java", "-jar", "/opt/voxclone/voxclone-launcher.jar"],
            "Cmd": ["start"],
            "ExposedPorts": {"8080/tcp": {}},
            "Volumes": {HOME + "/data": {}},
            "StopSignal": "SIGTERM",
            "Labels": {
                "org.opencontainers.image.title": "VoxClone",
                "org.opencontainers.image.version": version,
                "org.opencontainers.image.description": "Voice cloning service: portal, API and worker (start), or a worker node (worker)",
            },
        },
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + i for i in ids]},
        "history": [{"created": created, "created_by": why} for _, why in layers],
    }
    config_bytes = json.dumps(config, indent=2).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": [tag], "Layers": [i + "/layer.tar" for i in ids]}]
    work = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(archive)))
    try:
        with open(os.path.join(work, config_name), "wb") as f:
            f.write(config_bytes)
        with open(os.path.join(work, "manifest.json"), "w") as f:
            json.dump(manifest, f)
        with open(os.path.join(work, "repositories"), "w") as f:
            name, _, label = tag.rpartition(":")
            json.dump({name: {label: ids[-1]}}, f)
        with tarfile.open(archive + ".part", "w") as out:
            for name in (config_name, "manifest.json", "repositories"):
                out.add(os.path.join(work, name), arcname=name)
            for (path, _), i in zip(layers, ids):
                out.add(path, arcname=i + "/layer.tar")
        os.replace(archive + ".part", archive)
    finally:
        shutil.rmtree(work)
    print(tag + " (" + config_name[:19].replace(".json", "") + ")")


def unpacked(directory):
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)[0]
    with open(os.path.join(directory, manifest["Config"])) as f:
        return manifest, json.load(f)["config"]


def main(args):
    if args[0] == "write" and len(args) == 6:
        write(*args[1:])
    elif args[0] == "layers" and len(args) == 2:
        manifest, _ = unpacked(args[1])
        print("\n".join(manifest["Layers"]))
    elif args[0] == "run" and len(args) == 2:
        _, config = unpacked(args[1])
        print("user=" + config["User"])
        print("workdir=" + config["WorkingDir"])
        for variable in config["Env"]:
            print("env=" + variable)
        for word in config["Entrypoint"] + config["Cmd"]:
            print("argv=" + word)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
