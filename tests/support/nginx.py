"""A real static web server (Debian's nginx) in front of a built site, on 127.0.0.1 only.

It serves files the way a council's web server would: nginx's own MIME table,
plus the one line a council's web team must add for ES modules (`.mjs`), and the precompressed
copies the build writes (`gzip_static`, and `brotli_static` with Debian's
libnginx-mod-http-brotli-static, which `make system` installs).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

CONFIG = """
{modules}{user}daemon off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run}/access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    gzip on;
    gzip_types text/css text/javascript application/javascript application/json application/wasm;
    gzip_static on;
    {brotli}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        location ~ \\.mjs$ {{ types {{ }} default_type text/javascript; }}
        {extra}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StaticServer:
    def __init__(self, root: Path, extra: str = ""):
        self.root = Path(root).resolve()
        self.extra = extra
        self.port = free_port()
        self.run = Path(tempfile.mkdtemp(prefix="pg-nginx-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> "StaticServer":
        conf = self.run / "nginx.conf"
        # As root, nginx would hand requests to 'nobody', who cannot read a private temp folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        brotli = BROTLI_MODULE.is_file()
        conf.write_text(CONFIG.format(user=user, run=self.run, port=self.port, root=self.root,
                                      extra=self.extra,
                                      modules=f"load_module {BROTLI_MODULE};\n" if brotli else "",
                                      brotli="brotli_static on;" if brotli else ""))
        self.process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.run)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx did not start: {self.process.stderr.read().decode()}")
                time.sleep(0.05)
        raise RuntimeError("nginx did not answer within 10 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.run, ignore_errors=True)
