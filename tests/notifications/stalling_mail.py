"""A file-based mail backend for the killed-worker test: the first send stalls until killed.

The first message a process tries to send creates the marker file and then hangs, so the test
can kill the worker in the middle of sending; any later send (after the marker exists) writes
the message to EMAIL_FILE_PATH as Django's file backend does.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("file_path", os.environ["EMAIL_FILE_PATH"])
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages: Any) -> int:
        marker = Path(os.environ["STALL_MARKER"])
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(120)  # the test kills this process long before
        return super().send_messages(email_messages)
