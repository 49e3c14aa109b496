"""Load a file of scripts/ as a module, for tests of its helpers."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from support.paths import REPO_ROOT

SCRIPTS = REPO_ROOT / "scripts"


def load_script(name: str) -> ModuleType:
    """scripts/``name``.py as module ``name``. scripts/ joins sys.path, because a script may import another
    beside it (train_statement_filter imports train_quotes), and the module is registered before it runs,
    because dataclasses look their module up while they are built."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
