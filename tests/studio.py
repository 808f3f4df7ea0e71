"""The studio served for real (uvicorn on a free loopback port) over a project copy, and plain
HTTP requests to it as a browser or another program would send them."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import uvicorn

from generator.pipeline.project import read_project
from generator.studio.app import create_app
from generator.studio.server import free_port

TOKEN = "ma-thu-nghiem-khong-doan-duoc-0123456789"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Client:
    """Requests to the studio; keeps the session cookie it is given, like a browser."""

    port: int
    cookie: str | None = None
    calls: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, *, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None, body: bytes | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookie and "Cookie" not in sent:
            sent["Cookie"] = self.cookie
        if form is not None:
            body = urlencode(form).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if method == "POST":
            sent.setdefault("Origin", self.base)
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                        response.read().decode("utf-8", "replace"))
        connection.close()
        if "set-cookie" in answer.headers:
            self.cookie = answer.headers["set-cookie"].split(";", 1)[0]
        return answer

    def login(self) -> Answer:
        return self.request("GET", f"/?ma={TOKEN}")


@contextmanager
def running_studio(root: Path) -> Iterator[Client]:
    """The studio of the project at ``root``, served until the block ends."""
    port = free_port(0)
    app = create_app(read_project(root / "mkdocs.yml"), TOKEN, port)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Client(port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
