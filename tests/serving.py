"""A real ``reconcile serve`` in a subprocess, for the live desk's tests: started on a free
port in a copy of the seeds, its address read from what it prints, stopped at the end."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@dataclass
class Served:
    proc: subprocess.Popen[str]
    url: str  # as printed, with the token
    corpus: Path

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]

    @property
    def decisions(self) -> Path:
        return self.corpus / "reconcile-decisions.toml"

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                body: Any = None) -> tuple[int, dict[str, str], str]:
        """One raw HTTP request (the Host header is whatever ``headers`` says, else the right one)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        data = body if body is None or isinstance(body, (bytes, str)) else json.dumps(body)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        raw = data.encode() if isinstance(data, str) else data
        if raw is not None:
            conn.putheader("Content-Length", str(len(raw)))
        conn.endheaders(raw)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, text

    def change(self, path: str, body: Any, **extra: str) -> tuple[int, dict[str, str], str]:
        """A state-changing request as the page sends it (token header, own Origin, JSON)."""
        headers = {"X-Reconcile-Token": self.token, "Origin": self.origin, "Content-Type": "application/json", **extra}
        return self.request("POST", path, headers=headers, body=body)

    def status(self) -> dict[str, Any]:
        code, _, text = self.request("GET", "/api/status", headers={"X-Reconcile-Token": self.token})
        assert code == 200, text
        return dict(json.loads(text))

    def wait_for_run(self, number: int, timeout: float = 60) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            st = self.status()
            if st["run"] >= number or st["error"]:
                return st
            time.sleep(0.2)
        raise AssertionError(f"no run {number} within {timeout} s: {self.status()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start(root: Path, *, interval: float = 0.3, corpus: Path | None = None) -> Served:
    """``reconcile serve`` on a copy of the seeds under ``root`` (or on ``corpus``)."""
    if corpus is None:
        corpus = root / "seeds"
        shutil.copytree(SEEDS, corpus)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    with open(root / "serve.err", "w", encoding="utf-8") as err:  # the child keeps its own copy
        proc = subprocess.Popen([sys.executable, "-m", "reconciler", "serve", str(corpus), "--no-browser",
                                 "--interval", str(interval)], cwd=root, stdout=subprocess.PIPE,
                                stderr=err, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the first line names the address (or the process ended)
    if "http://" not in line:
        proc.kill()
        proc.wait(timeout=10)
        raise AssertionError(f"reconcile serve did not start: {line}{(root / 'serve.err').read_text()}")
    url = line.split(" at ", 1)[1].strip()
    return Served(proc, url, corpus)
