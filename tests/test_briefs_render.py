"""Rendering briefs: PDF printed by Chromium, headings and fixed phrases in Chinese, screenshots.

One build of tests/data/briefs (Portugal: every section fed, names in Chinese
for the country, its law and its levels) serves the whole file. The PDFs are
printed through the CLI by Debian's Chromium and read back with pypdfium2;
screenshots of the HTML brief and of the PDF's first page are saved under
test-artifacts/briefs/ (paths printed) and checked not to be blank.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import lxml.html
import pypdfium2
import pytest
from click.testing import CliRunner
from PIL import Image

from cca_graph import build, open_store, write_brief
from cca_graph.cli import cli
from cca_graph.present.briefs.i18n import localised
from cca_graph.present.briefs.model import (
    Brief,
    Bullets,
    Heading,
    Name,
    Note,
    Row,
    Section,
    Table,
    plain,
)
from cca_graph.present.briefs.pdf import PrintError, write_pdf

from .conftest import ARTIFACTS, DATA, run_cli
from .servers import chromium

SHOTS = ARTIFACTS / "briefs"
#: the nine section titles of an English brief and of a Chinese one, written out by hand
TITLES_EN = ("Governance architecture", "Mandates by level", "Instruments by level", "Targets and pledges",
             "Network engagement", "Gap checks", "Policies worth replicating", "How complete the data is", "Sources")
TITLES_ZH = ("治理架构", "各级政府的职责", "各级政府的政策工具", "目标与承诺", "网络参与", "差距检查", "值得推广的政策",
             "数据的完整性", "资料来源")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("render") / "out"
    build(out, [DATA / "briefs"])
    return out


@pytest.fixture(scope="module")
def pdfs(out, tmp_path_factory) -> dict[str, Path]:
    """Portugal's brief as PDF in English and Chinese, printed through the CLI."""
    folder = tmp_path_factory.mktemp("pdf")
    paths = {}
    for lang in ("en", "zh"):
        paths[lang] = folder / f"PT-{lang}.pdf"
        run_cli("brief", "PT", "--graph", str(out), "--format", "pdf", "--lang", lang, "--to", str(paths[lang]))
    return paths


def pdf_text(path: Path) -> tuple[int, str]:
    """The page count of a PDF and its text, whitespace made single spaces."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
        return len(document), re.sub(r"\s+", " ", text)
    finally:
        document.close()


def not_blank(path: Path) -> float:
    """The share of a screenshot's pixels that are clearly not background white."""
    grey = Image.open(path).convert("L")
    histogram = grey.histogram()
    return sum(histogram[:200]) / (grey.width * grey.height)


# -- PDF ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_pdf_opens_and_holds_the_briefs_headings(pdfs, out, tmp_path):
    pages, text = pdf_text(pdfs["en"])
    assert pages >= 2, "the sources section starts a page of its own"
    assert pdfs["en"].read_bytes().startswith(b"%PDF-")
    assert "Country brief: Portugal (PT)" in text
    for number, title in enumerate(TITLES_EN, start=1):
        assert f"{number}. {title}" in text
    # every heading of the HTML brief of the same country is in the PDF (tests/data/briefs/portugal)
    html = write_brief(open_store(out), "PT", "html", tmp_path / "PT.html").path
    headings = [re.sub(r"\s+", " ", h.text_content()).strip()
                for h in lxml.html.fromstring(html.read_bytes()).xpath("//h1 | //h2 | //h3")]
    assert "Framework laws" in headings and len(headings) > 15
    assert [h for h in headings if h not in text] == []


@pytest.mark.slow
def test_pdf_in_chinese_has_chinese_headings(pdfs):
    _, text = pdf_text(pdfs["zh"])
    assert "国别简报：葡萄牙 (PT)" in text                        # the country's label in the case file
    assert "目录" in text and "参考文献" in text
    for number, title in enumerate(TITLES_ZH, start=1):
        assert f"{number}. {title}" in text
    assert "Governance architecture" not in text
    assert "框架法律" in text and "气候基本法" in text             # a heading, and the law's Chinese name


@pytest.mark.slow
def test_same_brief_gives_the_same_pdf_bytes(pdfs, out, tmp_path):
    # printed again through the CLI, as the fixture did: the CLI gives the brief the store's build date
    again = tmp_path / "again.pdf"
    run_cli("brief", "PT", "--graph", str(out), "--format", "pdf", "--to", str(again))
    assert again.read_bytes() == pdfs["en"].read_bytes()
    # the API without a build date prints a brief that says less (no build day in "data as of")
    undated = write_brief(open_store(out), "PT", "pdf", tmp_path / "undated.pdf").path
    assert undated.read_bytes() != pdfs["en"].read_bytes()


@pytest.mark.slow
def test_screenshots_of_the_html_and_the_first_pdf_page(pdfs, out, tmp_path):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    html = write_brief(open_store(out), "PT", "html", tmp_path / "PT.html").path
    outside: list[str] = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = chromium(playwright, profile, 1000, 1300)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                      else (outside.append(r.request.url), r.abort()))
        page = context.new_page()
        page.goto(html.resolve().as_uri())
        page.wait_for_load_state("load")
        page.screenshot(path=str(SHOTS / "PT-html.png"))
        context.close()
    assert outside == []
    document = pypdfium2.PdfDocument(str(pdfs["en"]))
    document[0].render(scale=1.5).to_pil().save(SHOTS / "PT-pdf-page1.png")
    document.close()
    document = pypdfium2.PdfDocument(str(pdfs["zh"]))
    document[0].render(scale=1.5).to_pil().save(SHOTS / "PT-zh-pdf-page1.png")
    document.close()
    for name in ("PT-html.png", "PT-pdf-page1.png", "PT-zh-pdf-page1.png"):
        print(f"screenshot: {SHOTS / name}")
        assert not_blank(SHOTS / name) > 0.01, f"{name} is blank"
    assert Image.open(SHOTS / "PT-pdf-page1.png").size == (893, 1263)   # A4 at 1.5 × 72 dpi


@pytest.mark.slow
def test_pdf_without_chromium_is_one_error_and_nothing_written(out, tmp_path):
    target = tmp_path / "PT.pdf"
    target.write_bytes(b"an earlier brief")
    # a PATH on which no chromium is found (the interpreter is called by its full path)
    env = dict(os.environ, PATH=str(tmp_path / "empty-bin"), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cca_graph", "brief", "PT", "--graph", str(out), "--format", "pdf",
                           "--to", str(target)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in proc.stderr
    assert "Chromium" in lines[0] and "apt-get install chromium" in lines[0]
    assert target.read_bytes() == b"an earlier brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PT.pdf"]


@pytest.mark.slow
def test_chromium_that_takes_too_long_is_stopped_and_nothing_written(out, tmp_path, monkeypatch):
    from cca_graph.present.briefs import gather

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the HTML and Chromium's profile go
    target = tmp_path / "briefs" / "PT.pdf"
    with pytest.raises(PrintError, match=r"within 0\.05 s; it was stopped"):
        write_pdf(gather(open_store(out), "PT"), target, timeout=0.05)
    assert not target.parent.exists() or list(target.parent.iterdir()) == []
    assert list(scratch.iterdir()) == [], "the temporary folder is removed"
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and str(scratch).encode()
            in _cmdline(p)]
    assert left == [], "every Chromium process is stopped"


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""


# -- Chinese headings and fixed phrases -------------------------------------------------------

@pytest.mark.slow  # gathers and writes three briefs: about 4 s
def test_chinese_headings_column_heads_and_phrases_in_every_format(out, tmp_path):
    store = open_store(out)
    html = write_brief(store, "PT", "html", tmp_path / "PT.html", lang="zh").path
    tree = lxml.html.fromstring(html.read_bytes())
    assert tree.get("lang") == "zh-Hans"
    assert tree.xpath("string(//h1)") == "国别简报：葡萄牙 (PT)"
    assert [h.text for h in tree.xpath("//section/h2")] == [f"{i}. {t}" for i, t in enumerate(TITLES_ZH, 1)]
    assert tree.xpath("string(//nav/h2)") == "目录"
    # the first table: levels of government (tests/data/briefs/portugal/governments.yaml)
    assert [th.text for th in tree.xpath("(//table)[1]//th")] == ["层级", "已记录的政府", "其中", "来源"]
    assert "框架法律" in [h.text for h in tree.xpath("//h3")]
    assert "写出的文字为中文" in tree.xpath("string(//p[@class='language-note'])")

    md = write_brief(store, "PT", "md", tmp_path / "PT.md", lang="zh").path.read_text(encoding="utf-8")
    assert md.startswith("# 国别简报：葡萄牙 (PT)\n")
    assert "## 1. 治理架构\n" in md and "### 注释\n" in md and "| 层级 | 已记录的政府 | 其中 | 来源 |" in md

    word = docx.Document(str(write_brief(store, "PT", "docx", tmp_path / "PT.docx", lang="zh").path))
    heading1 = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert heading1 == [f"{i}. {t}" for i, t in enumerate(TITLES_ZH, 1)]
    assert [c.text for c in word.tables[0].rows[0].cells] == ["层级", "已记录的政府", "其中", "来源"]


def test_chinese_cells_lists_and_articles_are_chinese_and_names_are_kept():
    """The status words of the pledge checklist and of the tables, a list of names and an article before a
    concept name, as an adviser found them in English in a Chinese brief (MX at registry scale)."""
    checklist = Table(("Criterion", "Requirement", "Met?", "Evidence"), (
        Row(((Name("Annual public reporting of emissions and progress"),), ("a 监测、报告与核查平台",), ("met",),
             (Name("Jalisco in CDP disclosure"),)), (1,)),
        Row(((Name("Interim targets for 2025, 2030 and 2035"),), ("targets for 2025, 2030 and 2035",),
             ("partly met; the rest: ", "not looked at: a question to ask"), ("",)), (2,))))
    counted = Table(("Network", "Level", "Governments"), (Row(((Name("低2度联盟", "zh"),), ("区域层级",), ("16",)),
                                                              (3,)),))
    top = Table(("Government", "Level", "Networks", "Among them"), (
        Row(((Name("Campeche"),), ("区域层级",), ("6",), (Name("Bonn Challenge"), ", ", Name("低2度联盟", "zh"),
                                                         " and 1 more")), (3,)),))
    years = Table(("Instrument", "Years", "Outcome measured"), (
        Row(((Name("州际碳管理计划", "zh"),), ("not recorded",), ("none recorded",)), (4,)),))
    joined = Bullets((Note(("The programme is run by ", Name("Campeche"), ", ", Name("尤卡坦州", "zh"), " and ",
                            Name("金塔纳罗奥州", "zh"), ", under a law that asks for a 气候行动计划.")),
                      Note(("Its states must have an ", Name("监测、报告与核查平台", "zh"), "."))))
    data = Note(("A description from the data: ", Name("met a 监测 team, not recorded"), "."))
    section = Section(5, "networks", "Network engagement",
                      [Heading("Governments in the most networks"), checklist, counted, top, years, joined, data])
    brief = Brief("MX", Name("墨西哥", "zh"), "zh", [], [section], [], [])

    shown = localised(brief).sections[0]
    heading, checklist, counted, top, years, joined, data = shown.blocks
    english = {"Governments in the most networks", "Governments", "Networks", "not recorded", "none recorded",
               "met", "partly met"}
    cells = [plain(cell) for table in (checklist, counted, top, years) for row in table.rows for cell in row.cells]
    assert not english & ({heading.text} | {c for t in (counted, top) for c in t.columns} | set(cells))
    assert not [c for c in cells if c.startswith("partly met") or re.search(r"\ban? [\u4e00-\u9fff]", c)]
    sentence, article = (plain(item.parts) for item in joined.items)
    assert "Campeche、尤卡坦州和金塔纳罗奥州" in sentence and not re.search(r"\ban? [\u4e00-\u9fff]", sentence)
    assert article == "Its states must have 监测、报告与核查平台."
    assert " and 1 more" not in plain(top.rows[0].cells[3])
    # names and descriptions from the data are not the tool's words: kept as they came
    assert plain(checklist.rows[0].cells[0]) == "Annual public reporting of emissions and progress"
    assert plain(data.parts) == "A description from the data: met a 监测 team, not recorded."
    # an English brief is left as it is
    assert localised(Brief("MX", Name("Mexico"), "en", [], [section], [], [])).sections[0] is section


def test_english_brief_has_no_chinese_fixed_phrase(out, tmp_path):
    html = write_brief(open_store(out), "PT", "html", tmp_path / "PT.html").path
    tree = lxml.html.fromstring(html.read_bytes())
    assert tree.get("lang") == "en" and tree.xpath("//p[@class='language-note']") == []
    assert [h.text for h in tree.xpath("//section/h2")] == [f"{i}. {t}" for i, t in enumerate(TITLES_EN, 1)]
    assert not re.search(r"[\u4e00-\u9fff]", html.read_text(encoding="utf-8"))


def test_brief_help_gives_a_pdf_example_and_the_shared_option_names():
    result = CliRunner().invoke(cli, ["brief", "--help"])
    assert result.exit_code == 0
    assert "--format pdf" in result.output and "Example:" in result.output
    assert "--graph DIR" in result.output and "--to PATH" in result.output
    assert "[html|md|docx|pdf]" in result.output
