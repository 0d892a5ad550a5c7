"""The embedded default: each message written as an ``.eml`` file, and its subject logged.

A newcomer running ``make run`` sees what would have been sent without a mail server: open the
files under ``MAIL_DIR`` (``var/mail``) in any mail client. A repeat delivery of one notification
overwrites its own file (the name is the reference), so there is never a duplicate on disk.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from pathlib import Path

from api.delivery.base import Delivered, Message, Retryable, email_message

log = logging.getLogger("api.delivery")


class FileChannel:
    """Writes ``<MAIL_DIR>/<reference>-<kind>.eml``; a disk that cannot be written is Retryable."""

    name = "files"

    def __init__(self, directory: str | Path, *, mail_from: str) -> None:
        self.directory = Path(directory)
        self.mail_from = mail_from

    async def deliver(self, message: Message) -> Delivered:
        kind = re.sub(r"[^a-z0-9.-]", "-", message.kind.lower())
        path = self.directory / f"{int(message.reference):08d}-{kind}.eml"
        data = bytes(email_message(message, mail_from=self.mail_from))
        try:
            await asyncio.to_thread(_write, path, data)
        except OSError as exc:
            raise Retryable(f"could not write {path}: {exc.strerror or exc}") from exc
        log.info("mail to %s: %s (%s)", message.to, message.subject, path)
        return Delivered(provider_message_id=path.name)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".eml.partial")
    partial.write_bytes(data)
    os.replace(partial, path)  # a reader never sees half a message
