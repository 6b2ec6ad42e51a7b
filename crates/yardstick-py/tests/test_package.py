"""The installed package: one abi3 module for every CPython from 3.9, its version the
crates' version, its stubs and the py.typed marker shipped beside it."""

from importlib import metadata
from pathlib import Path

import yardstick
from yardstick import _native


def test_the_native_module_is_built_for_the_stable_abi() -> None:
    assert Path(_native.__file__).name.endswith(".abi3.so") or _native.__file__.endswith(".pyd")


def test_version_is_the_distributions() -> None:
    assert yardstick.__version__ == metadata.version("yardstick")


def test_stubs_and_marker_ship_with_the_package() -> None:
    here = Path(yardstick.__file__).parent
    assert (here / "__init__.pyi").is_file()
    assert (here / "py.typed").is_file()


def test_spec_schema_is_the_one_the_widget_and_editors_use() -> None:
    import json

    from conftest import REPO

    committed = json.loads(
        (REPO / "www" / "schema" / "build-spec.schema.json").read_text(encoding="utf-8")
    )
    assert yardstick.build_spec_schema() == committed
