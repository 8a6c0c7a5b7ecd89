"""The rubric panel's lines: wrapped under their label, the reason dimmer below."""

from __future__ import annotations

from wizard.rubric import Result
from wizard.ui.widgets.rubric_panel import point_prompt

S1 = Result("S1", "summary", "Duration with start, end and time zone", False, "no end time")


def test_a_long_label_wraps_under_itself_and_the_reason_is_indented_and_dim() -> None:
    prompt = point_prompt(S1, 26)
    lines = prompt.plain.split("\n")
    assert lines == ["✗ S1 Duration with start,", "     end and time zone", "   no end time"]
    assert all(len(line) <= 26 for line in lines)
    dim = [span for span in prompt.spans if "dim" in str(span.style)]
    assert [prompt.plain[s.start : s.end] for s in dim] == ["   no end time"]


def test_without_a_width_the_list_wraps_the_text_itself() -> None:
    assert point_prompt(S1, 0).plain == f"✗ S1 {S1.label}\n   no end time"


def test_a_zone_name_breaks_only_after_a_slash_or_underscore() -> None:
    met = Result("S1", "summary", "Duration", True, "1 h 15 min, America/Sao_Paulo")
    for width in (18, 20, 24, 30):
        lines = point_prompt(met, width).plain.split("\n")[1:]
        assert all(len(line) <= width for line in lines)
        words = " ".join(line.strip() for line in lines).replace("/ ", "/").replace("_ ", "_")
        assert words == "1 h 15 min, America/Sao_Paulo"
        assert not any(line.strip().startswith(("erica", "o")) for line in lines)
