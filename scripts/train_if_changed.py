"""Trains the Rasa model only when its inputs changed.

The fingerprint covers data/, config.yml, domain.yml, the custom NLU components' code (nlu/) and the spaCy
pipeline's patterns (built from the catalogue's names and aliases). Catalogue facts are not part of it:
they are read at answer time.
Trained models are cached under $KVG_CACHE_DIR (default ~/.cache/korea-visa-guide/models), so a fresh
clone with the same inputs reuses the model instead of training again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["config.yml", "domain.yml", "data", "nlu", "models/spacy/patterns.sha256"]
CACHE_FORMAT = "1"  # bump to invalidate every cached model


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for name in INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes() if file.exists() else b"<missing>")
    return digest.hexdigest()[:20]


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "korea-visa-guide" / "models"
    return Path(os.environ.get("KVG_CACHE_DIR", default))


def main() -> int:
    lock_path = cache_dir() / "train.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one training at a time per machine; a second caller waits
        return train_or_reuse()


def train_or_reuse() -> int:
    key = fingerprint()
    cached = cache_dir() / f"{key}.tar.gz"
    target = ROOT / "models" / "current.tar.gz"
    stamp = ROOT / "models" / "current.fingerprint"
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        print(f"model up to date ({key})")
        return 0
    if not cached.exists():
        print(f"training model {key} (inputs changed or no cached model)...", flush=True)
        build = ROOT / "models" / f"build-{key}"
        shutil.rmtree(build, ignore_errors=True)
        command = [sys.executable, "-m", "rasa", "train", "--fixed-model-name", key, "--out", str(build)]
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false")
        if subprocess.call(command, cwd=ROOT, env=env) != 0:
            print("training failed", file=sys.stderr)
            return 1
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(build / f"{key}.tar.gz", cached)
        shutil.rmtree(build, ignore_errors=True)
    else:
        print(f"reusing cached model {key}")
    partial = target.with_suffix(".partial")
    shutil.copyfile(cached, partial)
    partial.replace(target)  # atomic: a running server or test never sees half a model
    stamp.write_text(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
