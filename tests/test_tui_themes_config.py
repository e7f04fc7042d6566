"""Themes load from TOML, bad files only warn, keys can be remapped, and `open` checks paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tui_data import WordSearch, help_lines, sample_briefing

from briefer.cli import main
from briefer.config import load_config, save_theme
from briefer.themes import load_themes, theme_folders
from briefer.tui import UnknownTheme
from briefer.tui.app import BrieferApp
from briefer.tui.help import HelpScreen

GOOD = 'name = "mine"\nprimary = "#336699"\ndark = true\n'


def test_the_bundled_themes_load_without_warnings() -> None:
    loaded = load_themes(theme_folders(None))
    assert loaded.warnings == ()
    assert {"briefer-night", "briefer-paper", "briefer-contrast"} <= {t.name for t in loaded.themes}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name = [", "not valid TOML"),
        ('name = "x"\n', "primary color is missing"),
        ('name = "x"\nprimary = "not-a-colour"\n', "is not a color"),
        ('name = "Bad Name"\nprimary = "#fff"\n', "name must be"),
        ('name = "x"\nprimary = "#fff"\nsparkle = 1\n', "unknown field"),
        ('name = "x"\nprimary = "#fff"\n[variables]\nfooter-background = "}{"\n', "variable"),
    ],
)
def test_a_broken_theme_file_gives_one_warning_and_the_rest_load(
    tmp_path: Path, text: str, reason: str
) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "broken.toml").write_text(text)
    (folder / "mine.toml").write_text(GOOD)
    loaded = load_themes([folder])
    assert [t.name for t in loaded.themes] == ["mine"]
    assert len(loaded.warnings) == 1
    assert "broken.toml" in loaded.warnings[0] and reason in loaded.warnings[0]


async def test_every_bundled_theme_renders_the_app() -> None:
    app = BrieferApp(briefing=sample_briefing(), open_index=None)
    async with app.run_test(size=(100, 30)) as pilot:
        for theme in ("briefer-night", "briefer-paper", "briefer-contrast"):
            app.theme = theme
            await pilot.pause()
            assert app.briefing_screen.reader.render_line(0).text.strip()


async def test_the_app_starts_with_a_broken_user_theme_and_says_so_once(
    config_folder: Path,
) -> None:
    (config_folder / "themes").mkdir(parents=True)
    (config_folder / "themes" / "oops.toml").write_text("primary = 'nope'\n")
    (config_folder / "themes" / "mine.toml").write_text(GOOD)
    app = BrieferApp(briefing=sample_briefing(), open_index=None)
    async with app.run_test(size=(100, 30), notifications=True):
        assert "mine" in app.available_themes
        warnings = [n.message for n in app._notifications if "oops.toml" in n.message]
        assert len(warnings) == 1
        assert app.theme == "briefer-night"


def test_an_unknown_theme_on_the_command_line_is_refused() -> None:
    with pytest.raises(UnknownTheme, match="nope"):
        BrieferApp(briefing=sample_briefing(), theme="nope")
    result = CliRunner().invoke(main, ["--theme", "nope"])
    assert result.exit_code == 2
    assert "unknown theme 'nope'" in result.output


async def test_theme_on_the_command_line_is_used() -> None:
    app = BrieferApp(briefing=sample_briefing(), theme="briefer-contrast", open_index=None)
    async with app.run_test(size=(100, 30)):
        assert app.theme == "briefer-contrast"


def test_open_refuses_a_missing_path_in_one_line() -> None:
    result = CliRunner().invoke(main, ["open", "no/such/folder"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["briefer: no/such/folder: no such file or folder"]
    assert CliRunner().invoke(main, ["no/such/file.txt"]).exit_code == 2


def test_saving_the_theme_keeps_the_rest_of_the_config(config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "config.toml").write_text('# mine\ntheme = "nord"\n\n[keys]\nquit = "x"\n')
    save_theme(config_folder, "briefer-paper")
    text = (config_folder / "config.toml").read_text()
    assert text == '# mine\ntheme = "briefer-paper"\n\n[keys]\nquit = "x"\n'
    config = load_config(config_folder)
    assert config.theme == "briefer-paper" and config.keys == {"quit": "x"}


def test_a_broken_config_file_is_reported_and_defaults_used(config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "config.toml").write_text("theme = \n")
    config = load_config(config_folder)
    assert config.theme is None and config.keys == {}
    assert len(config.warnings) == 1 and "not valid TOML" in config.warnings[0]


async def test_keys_can_be_remapped_by_binding_id(config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "config.toml").write_text('[keys]\ncopy-quote = "c"\nfilter-actor = "f"\n')
    app = BrieferApp(briefing=sample_briefing(), open_index=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "y")
        assert app.clipboard == ""
        await pilot.press("c")
        assert app.clipboard.startswith("“Hamas, Hezbollah, and Iran")
        await pilot.press("f")
        assert app.briefing_screen.filter is not None
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "c Copy the highlighted quote with its attribution copy-quote" in help_lines(
            app.screen
        )


async def test_an_unknown_binding_id_in_the_config_is_reported(config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "config.toml").write_text('[keys]\nfly = "f"\n')
    app = BrieferApp(briefing=sample_briefing(), open_index=lambda b, p, n: WordSearch(b))
    async with app.run_test(size=(100, 30), notifications=True):
        assert any("unknown key binding id 'fly'" in n.message for n in app._notifications)


async def test_skipped_files_are_notified_and_listed_in_help(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.txt").write_text("A note\n\nSomething happened in Beirut today.\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 200)
    app = BrieferApp([str(folder)], open_index=None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(200):
            if app.briefing is not None:
                break
            await pilot.pause(0.1)
        await pilot.pause()
        assert any("1 skipped" in n.message and "?" in n.message for n in app._notifications)
        await pilot.press("question_mark")
        assert any("binary.txt" in line for line in help_lines(app.screen))


def test_no_default_key_is_one_terminals_cannot_send() -> None:
    from briefer.tui.keys import KEYS

    for key in KEYS:
        assert not {k.strip() for k in key.keys.split(",")} & {"ctrl+h", "ctrl+m", "ctrl+i"}


async def test_remapping_to_a_key_terminals_cannot_send_is_warned(config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "config.toml").write_text('[keys]\nnext-hit = "ctrl+m"\n')
    app = BrieferApp(briefing=sample_briefing(), open_index=None)
    async with app.run_test(size=(100, 30), notifications=True):
        assert any("terminals send ctrl+m as enter" in n.message for n in app._notifications)
