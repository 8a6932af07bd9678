"""`genreport serve`: the start-up checks, then uvicorn."""
from __future__ import annotations

import os
from pathlib import Path

import uvicorn

from generator.errors import UsageError
from generator.web.app import create_app
from generator.web.auth import is_loopback
from generator.web.site import Settings

PASSWORD_ENV = "GENREPORT_PASSWORD"


def settings_for(host: str, data: Path, password: str | None, max_mb: int) -> Settings:
    """The server's settings; UsageError when the bureau's pages would be open to the network."""
    password = password or os.environ.get(PASSWORD_ENV) or None
    if not is_loopback(host) and not password:
        raise UsageError(f"在 {host} 上监听时，其他电脑也能打开财政局的页面：请用 --password 或环境变量 "
                         f"{PASSWORD_ENV} 设定密码（只在本机使用时不用设定，去掉 --host 即可）")
    if max_mb < 1:
        raise UsageError("--max-upload-mb 至少为 1")
    return Settings(Path(data), password, max_mb * 1024 * 1024)


def serve(host: str, port: int, data: Path, password: str | None, max_mb: int) -> None:
    app = create_app(settings_for(host, data, password, max_mb))
    shown = {"0.0.0.0": "本机的 IP 地址", "::": "本机的 IP 地址"}.get(host, host if ":" not in host else f"[{host}]")
    print(f"genreport：在浏览器中打开 http://{shown}:{port}/（数据保存在 {Path(data).resolve()}；按 Ctrl+C 停止）",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
