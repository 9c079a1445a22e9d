from tests.notifications.conftest import in_process

__all__ = ["in_process"]
