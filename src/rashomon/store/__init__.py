"""Persistence. ``open_store(url)`` picks the backend from the URL or path."""

from rashomon.store.base import AddOutcome, Store, StoredSignature
from rashomon.store.factory import open_store

__all__ = ["AddOutcome", "Store", "StoredSignature", "open_store"]
