"""The knowledge is read with libyaml's loader when it is there (much faster at start-up);
it must read every data file exactly as PyYAML's pure-Python safe loader does."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from backrelief.knowledge import yaml_loader

DATA = resources.files("backrelief.knowledge").joinpath("data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".yaml", ".yml")))


def test_there_are_knowledge_files_to_compare() -> None:
    assert len(FILES) >= 5


@pytest.mark.parametrize("name", FILES)
def test_the_fast_loader_reads_each_knowledge_file_as_the_pure_python_one_does(name: str) -> None:
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml_loader()) == yaml.load(text, Loader=yaml.SafeLoader)


def test_the_loader_refuses_python_objects_like_the_safe_loader() -> None:
    with pytest.raises(yaml.YAMLError):
        yaml.load("!!python/object/apply:os.system ['true']", Loader=yaml_loader())
