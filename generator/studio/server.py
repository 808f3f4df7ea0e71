"""Running the studio: the loopback address, a fresh token, the browser opened on it."""

from __future__ import annotations

import secrets
import socket
import webbrowser
from pathlib import Path

from generator.errors import EnvironmentProblem

HOST = "127.0.0.1"  # never another interface: the studio writes the project's files
DEFAULT_PORT = 8765


def free_port(wanted: int) -> int:
    """``wanted`` if it is free on the loopback, else one the system picks."""
    for port in (wanted, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise EnvironmentProblem(HOST, "không mở được cổng nào cho studio")


def run_studio(config_file: Path, port: int, *, open_browser: bool) -> str:
    """Serve the studio until Ctrl-C; returns what to say when it stops."""
    import uvicorn

    from generator.pipeline.project import read_project
    from generator.studio.app import create_app

    project = read_project(config_file)
    port = free_port(port)
    token = secrets.token_urlsafe(24)
    address = f"http://{HOST}:{port}/?ma={token}"
    app = create_app(project, token, port)
    print(f"Studio chiến dịch đang chạy: {address}\n"
          "Mở địa chỉ trên trong trình duyệt (chỉ máy này mở được). Dừng: Ctrl-C.", flush=True)
    if open_browser:
        webbrowser.open(address)
    uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False,
                server_header=False, date_header=False)
    return "Đã dừng studio."
