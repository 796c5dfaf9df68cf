"""templating: the one Environment, its dict-first attribute access, and user templates overriding ours."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from assembler.disk import FileProblem, folder
from assembler.templating import BUILT_IN, get_env, template_source


def render(source: str, **context: object) -> str:
    return get_env(None).from_string(source).render(**context)


def test_dotted_names_read_dict_keys() -> None:
    handoff = {"target": "fixer", "trigger": "needs changes"}
    assert render("{{ h.target }}: {{ h['trigger'] }}", h=handoff) == "fixer: needs changes"


def test_dict_methods_stay_reachable_when_no_key_shadows_them() -> None:
    assert render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", d={"a": 1, "b": 2}) == "a=1;b=2;"


def test_attributes_of_other_objects_as_before() -> None:
    class Thing:
        name = "thing"

    assert render("{{ t.name }} {{ s.upper() }}", t=Thing(), s="up") == "thing UP"


def test_a_missing_key_is_an_error_not_blank() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("{{ h.nothing }}", h={"target": "x"})


def test_user_folder_overrides_a_built_in_template_by_name(tmp_path: Path) -> None:
    (tmp_path / "claude_agent.md.j2").write_text("mine: {{ name }}\n")
    mine = folder(str(tmp_path), ".")
    env = get_env(mine)
    assert env.get_template("claude_agent.md.j2").render(name="x") == "mine: x\n"
    assert template_source("claude_agent.md.j2", mine) == "mine: {{ name }}\n"
    assert template_source("claude_agent.md.j2") == (BUILT_IN / "claude_agent.md.j2").read_text()
    assert env.get_template("modal_runner.md.j2") is not None  # the others stay built in


def test_an_unknown_template_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(jinja2.TemplateNotFound):
        template_source("nothing.j2", folder(str(tmp_path), "."))
    with pytest.raises(jinja2.TemplateNotFound):
        get_env(None).get_template("../escape.j2")


def test_a_fifo_in_the_template_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "claude_agent.md.j2")
    with pytest.raises(FileProblem) as raised:
        template_source("claude_agent.md.j2", folder(str(tmp_path), "."))
    assert raised.value.diagnostic.code == "F003"


def test_a_key_wins_over_a_dict_method_of_the_same_name() -> None:
    # The one place the override differs from plain jinja, which would print the bound method.
    assert render("{{ d.items }}", d={"items": "the key"}) == "the key"


def test_the_code_filter_makes_a_code_span() -> None:
    template = get_env().from_string("{{ pattern | code }}")
    assert template.render(pattern="^git (diff|log)") == "`^git (diff|log)`"
    assert template.render(pattern="a`b") == "``a`b``"
