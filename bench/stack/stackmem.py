#!/usr/bin/env python3
"""Memory of the whole embedded stack: the JVM and every PostgreSQL process, as proportional set size (PSS).

PSS divides each shared page among the processes that map it, so the sum over the stack's processes is what the
stack really occupies (summing RSS would count PostgreSQL's shared buffers once per backend).
Usage: stackmem.py <launcher pid> <postgres data directory>   prints kB.
"""
import os
import sys


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except OSError:
        return 0


def children(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def postmaster(data_dir):
    try:
        with open(os.path.join(data_dir, "postmaster.pid")) as f:
            return int(f.readline())
    except (OSError, ValueError):
        return None


def stack_pss_kb(launcher_pid, data_dir):
    total = pss_kb(launcher_pid)
    pm = postmaster(data_dir)
    if pm:
        total += pss_kb(pm) + sum(pss_kb(c) for c in children(pm))
    return total


if __name__ == "__main__":
    print(stack_pss_kb(int(sys.argv[1]), sys.argv[2]))
