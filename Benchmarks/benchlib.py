"""Shared by the benchmark scripts: one summary row per task, collected by Benchmarks/compare.

Each script prints `SUMMARY {json}` lines with the fields of `summary()`; `python3 benchlib.py table FILE`
formats the collected rows as the comparison table the README shows.
"""
import json
import os
import sys


def vmhwm():
    """Peak resident memory of this process so far, bytes (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def write(dir, name, a):
    """Writes `a` as little-endian float64, the layout `immunokit-bench` reads."""
    import numpy as np
    np.asarray(a, dtype="<f8").tofile(os.path.join(dir, name))


def read(dir, name):
    """Reads a little-endian float64 file written by `immunokit-bench`."""
    import numpy as np
    return np.fromfile(os.path.join(dir, name), dtype="<f8")


def summary(task, size, immunokit_seconds, peer, peer_seconds, immunokit_accuracy=None, peer_accuracy=None,
            accuracy_name="", immunokit_peak_bytes=None, note=""):
    """Prints one row. The ratio is peer time / ImmunoKit time (above 1: ImmunoKit is faster)."""
    row = {"task": task, "size": size, "immunokit_seconds": immunokit_seconds, "peer": peer,
           "peer_seconds": peer_seconds, "ratio": peer_seconds / immunokit_seconds if immunokit_seconds else None,
           "accuracy_name": accuracy_name, "immunokit_accuracy": immunokit_accuracy, "peer_accuracy": peer_accuracy,
           "immunokit_peak_bytes": immunokit_peak_bytes, "note": note}
    print("SUMMARY " + json.dumps(row), flush=True)


def table(rows):
    header = ["task", "n × p", "ImmunoKit s", "peer", "peer s", "ratio", "accuracy (ImmunoKit / peer)", "peak MiB"]
    lines = []
    for r in rows:
        def fmt(v, spec):
            return format(v, spec) if isinstance(v, (int, float)) else "–"
        acc = (f"{r['accuracy_name']} {fmt(r['immunokit_accuracy'], '.4g')} / {fmt(r['peer_accuracy'], '.4g')}"
               if r.get("accuracy_name") else "–")
        peak = fmt(r["immunokit_peak_bytes"] / 2**20, ".0f") if r.get("immunokit_peak_bytes") else "–"
        lines.append([r["task"], r["size"], fmt(r["immunokit_seconds"], ".3f"), r["peer"],
                      fmt(r["peer_seconds"], ".3f"), fmt(r["ratio"], ".2f"), acc, peak])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    out = ["  ".join(str(x).ljust(w) for x, w in zip(header, widths))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)) for line in lines]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "table":
        rows = [json.loads(line[len("SUMMARY "):]) for line in open(sys.argv[2]) if line.startswith("SUMMARY ")]
        print(table(rows))
    else:
        print("usage: benchlib.py table FILE", file=sys.stderr)
        sys.exit(64)
