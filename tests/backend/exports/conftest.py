from tests.backend.runs.conftest import dataset, queued_messages

__all__ = ["dataset", "queued_messages"]
