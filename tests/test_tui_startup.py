"""Start-up: a briefing read while Textual starts is on the first frame; a failed read is said."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import briefer.briefing
from briefer.tui.app import BrieferApp
from briefer.tui.loading import BriefingLoad

NOTE = "A note\n\n“We will build it,” the minister said in Beirut.\n\nA second paragraph.\n"


def wait_until_read(loading: BriefingLoad) -> None:
    deadline = time.monotonic() + 20
    while not loading.follow(lambda done, total: None, lambda: None)[0]:
        assert time.monotonic() < deadline, "the briefing was not read"
        time.sleep(0.01)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_a_briefing_read_before_the_screen_mounts_is_on_the_first_frame(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    loading = BriefingLoad([str(folder)])
    wait_until_read(loading)
    app = BrieferApp([str(folder)], loading=loading, open_index=None)
    async with app.run_test(size=size):
        screen = app.briefing_screen
        assert screen.view is not None and len(screen.view.documents) == 1
        assert "1 document" in app.sub_title
        shown = [
            widget.render_line(y).text
            for widget in (screen.quote_list, screen.reader)
            for y in range(widget.size.height)
        ]
        assert any("We will build it" in line for line in shown)
        if size[0] >= 140:  # the reader shows beside the lists
            assert any("the minister said in Beirut" in line for line in shown)
            # laid out at the width shown
            assert screen.reader.virtual_size.height < 20


async def test_a_failed_read_is_one_error_line_and_the_app_keeps_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(briefer.briefing, "load_briefing", broken)
    app = BrieferApp([str(tmp_path)], open_index=None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(100):
            if app._notifications:
                break
            await pilot.pause(0.05)
        messages = [n.message for n in app._notifications if n.severity == "error"]
        assert messages == ["Could not read the briefing: disk on fire"]
        assert app.is_running and app.briefing_screen.busy == ""
