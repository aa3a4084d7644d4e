"""The level and institution chart of a brief: SVG for HTML, PNG for Word.

Three columns: the country's laws (left), its levels of government with how
many governments the data records at each (middle), and the coordination
bodies that join levels (right). Lines join a law to the level that enacted
it, a body to every level it joins, and each level to the one below.

One layout (:func:`layout`) is drawn twice: as SVG text written here (every
name escaped), and as PNG with Pillow. Both are deterministic. Pillow's
built-in font has no Chinese glyphs; unless a CJK font is found on the
machine, the PNG falls back to the English form of each text: names, the
column heads and the counts of governments alike (a Chinese brief gives
every text of its chart as a :class:`Label` with its English form).
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

__all__ = ["Label", "Chart", "Diagram", "layout", "to_svg", "to_png"]

WIDTH = 900
COLUMNS = {"law": (20, 250), "level": (325, 250), "body": (630, 250)}
#: the column heads of an English chart (a chart in another language gives its own, :attr:`Chart.headings`)
HEADINGS = {"law": "Laws", "level": "Levels of government", "body": "Coordination bodies"}
COLOURS = {  # (fill, stroke, text)
    "national": ("#1f4e79", "#1f4e79", "#ffffff"),
    "regional": ("#2e86c1", "#2e86c1", "#ffffff"),
    "local": ("#d6eaf8", "#2e86c1", "#1c2833"),
    "supranational": ("#0b2545", "#0b2545", "#ffffff"),
    "law": ("#fdf2e9", "#b9770e", "#1c2833"),
    "body": ("#e8f8f5", "#16a085", "#1c2833"),
}
LINE = {"enacted": "#b9770e", "joins": "#16a085", "part": "#5d6d7e"}
TITLE_SIZE, TEXT_SIZE, LINE_HEIGHT, PAD = 13, 11, 16, 8
TOP = 44
GAP = 14
#: fonts with Chinese glyphs, tried in order for the PNG
CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
             "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
             "/usr/share/fonts/truetype/arphic/uming.ttc")


@dataclass(frozen=True)
class Label:
    """A name as the chart shows it: its text, language, and English form for fallback."""

    text: str
    lang: str = "en"
    english: str = ""

    def shown(self, cjk: bool) -> tuple[str, str]:
        if self.lang == "zh" and not cjk and self.english:
            return self.english, "en"
        return self.text, self.lang

    def __str__(self) -> str:
        # the Markdown brief lists the chart's texts as they are
        return self.text


def _shown(text: Label | str, cjk: bool) -> tuple[str, str]:
    return text.shown(cjk) if isinstance(text, Label) else (text, "en")


@dataclass(frozen=True)
class Chart:
    """What the chart shows.

    Attributes
    ----------
    levels : tuple of (level key, level label, detail lines)
        Top to bottom: ``("regional", Label("regional"), ("32 governments",))``; a detail line is a
        :class:`Label` where it is not English.
    laws : tuple of (Label, level key)
    bodies : tuple of (Label, level keys joined)
    headings : tuple of 3 (Label or str)
        The heads of the columns of laws, levels and bodies; :data:`HEADINGS` by default.
    """

    title: str
    levels: tuple[tuple[str, Label, tuple[Label | str, ...]], ...]
    laws: tuple[tuple[Label, str], ...] = ()
    bodies: tuple[tuple[Label, tuple[str, ...]], ...] = ()
    headings: tuple[Label | str, ...] = tuple(HEADINGS.values())


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    kind: str
    lines: tuple[tuple[str, str, int], ...]   # (text, lang, font size)

    @property
    def right(self) -> tuple[int, int]:
        return self.x + self.w, self.y + self.h // 2

    @property
    def left(self) -> tuple[int, int]:
        return self.x, self.y + self.h // 2


@dataclass(frozen=True)
class Diagram:
    """A chart laid out: boxes and lines in pixels."""

    title: str
    width: int
    height: int
    boxes: tuple[Box, ...]
    links: tuple[tuple[int, int, int, int, str], ...]
    headings: tuple[tuple[int, str, str], ...] = field(default=())   # (x, text, lang)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, room: int) -> list[str]:
    """``text`` in lines of at most ``room`` units (a wide character counts two).

    Examples
    --------
    >>> _wrap("General Law on Climate Change", 12)
    ['General Law', 'on Climate', 'Change']
    >>> _wrap("墨西哥国家气候变化法", 8)
    ['墨西哥国', '家气候变', '化法']
    """
    pieces = []                                   # (piece, follows a space)
    for word in text.split():
        chunk, spaced = "", True
        for ch in word:                           # a word wider than a line breaks anywhere
            if chunk and _width(chunk + ch) > room:
                pieces.append((chunk, spaced))
                chunk, spaced = "", False
            chunk += ch
        pieces.append((chunk, spaced))
    lines, line = [], ""
    for piece, spaced in pieces:
        joined = f"{line} {piece}" if line and spaced else line + piece
        if line and _width(joined) > room:
            lines.append(line)
            line = piece
        else:
            line = joined
    return lines + [line] if line or not lines else lines


def _box(x: int, y: int, w: int, kind: str, title: Label, details: tuple[Label | str, ...], cjk: bool) -> Box:
    text, lang = title.shown(cjk)
    room_title, room_text = (w - 2 * PAD) // 8, (w - 2 * PAD) // 6
    lines = [(line, lang, TITLE_SIZE) for line in _wrap(text, room_title)[:4]]
    for detail in details:
        said, said_lang = _shown(detail, cjk)
        lines += [(line, said_lang, TEXT_SIZE) for line in _wrap(said, room_text)[:3]]
    return Box(x, y, w, 2 * PAD + LINE_HEIGHT * len(lines) - 2, kind, tuple(lines))


def layout(chart: Chart, cjk: bool = True) -> Diagram:
    """Place the boxes and lines of ``chart``; ``cjk=False`` shows English names instead of Chinese."""
    boxes, links = [], []
    level_boxes: dict[str, Box] = {}
    y = TOP
    lx, lw = COLUMNS["level"]
    ax, aw = COLUMNS["law"]
    for key, label, details in chart.levels:
        box = _box(lx, y, lw, key if key in COLOURS else "regional", label, details, cjk)
        law_y, bottom = y, y + box.h
        for law, level in chart.laws:
            if level != key:
                continue
            law_box = _box(ax, law_y, aw, "law", law, (), cjk)
            boxes.append(law_box)
            links.append((*law_box.right, *box.left, "enacted"))
            law_y += law_box.h + GAP // 2
            bottom = max(bottom, law_box.y + law_box.h)
        boxes.append(box)
        level_boxes[key] = box
        y = bottom + 2 * GAP
    ordered = [b for b in boxes if b.kind not in ("law",)]
    for upper, lower in zip(ordered, ordered[1:]):
        links.append((upper.x + upper.w // 2, upper.y + upper.h, lower.x + lower.w // 2, lower.y, "part"))
    bx, bw = COLUMNS["body"]
    body_y = TOP
    rank = {key: i for i, (key, _, _) in enumerate(chart.levels)}
    for label, joined in sorted(chart.bodies, key=lambda b: (min((rank.get(k, 99) for k in b[1]), default=99), b[0])):
        box = _box(bx, body_y, bw, "body", label, (), cjk)
        boxes.append(box)
        for key in joined:
            if key in level_boxes:
                links.append((*box.left, *level_boxes[key].right, "joins"))
        body_y += box.h + GAP
    height = max(y - GAP, body_y) + 10
    headings = tuple((COLUMNS[k][0], *_shown(head, cjk)) for k, head in zip(HEADINGS, chart.headings))
    return Diagram(chart.title, WIDTH, height, tuple(boxes), tuple(links), headings)


# -- SVG ------------------------------------------------------------------------------

def to_svg(chart: Chart) -> str:
    """The chart as an SVG element (text only; every name escaped)."""
    d = layout(chart, cjk=True)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {d.width} {d.height}" '
           f'width="{d.width}" height="{d.height}" role="img" aria-labelledby="chart-title" '
           f'font-family="system-ui, -apple-system, \'Segoe UI\', \'Noto Sans\', \'Noto Sans CJK SC\', sans-serif">',
           f'<title id="chart-title">{escape(d.title)}</title>',
           f'<rect x="0" y="0" width="{d.width}" height="{d.height}" fill="#ffffff"/>']
    for x, text, lang in d.headings:
        lang_attr = f' lang="{lang}"' if lang != "en" else ""
        out.append(f'<text x="{x}" y="24" font-size="13" font-weight="600" fill="#566573"{lang_attr}>'
                   f'{escape(text)}</text>')
    for x1, y1, x2, y2, kind in d.links:
        dash = ' stroke-dasharray="5 4"' if kind == "enacted" else ""
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{LINE[kind]}" stroke-width="2"{dash}/>')
    for box in d.boxes:
        fill, stroke, ink = COLOURS[box.kind]
        out.append(f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="6" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>')
        for i, (text, lang, size) in enumerate(box.lines):
            weight = ' font-weight="600"' if size == TITLE_SIZE else ""
            lang_attr = f' lang="{lang}"' if lang != "en" else ""
            out.append(f'<text x="{box.x + PAD}" y="{box.y + PAD + 11 + i * LINE_HEIGHT}" font-size="{size}"'
                       f'{weight} fill="{ink}"{lang_attr}>{escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


# -- PNG ------------------------------------------------------------------------------

def _cjk_font() -> str | None:
    return next((path for path in CJK_FONTS if Path(path).is_file()), None)


def to_png(chart: Chart, scale: int = 2) -> bytes:
    """The chart as PNG bytes (Pillow), ``scale`` times the SVG's pixel size."""
    from PIL import Image, ImageDraw, ImageFont

    cjk_path = _cjk_font()
    d = layout(chart, cjk=cjk_path is not None)
    fonts = {}

    def font(size: int, lang: str):
        key = (size, lang)
        if key not in fonts:
            fonts[key] = (ImageFont.truetype(cjk_path, size * scale) if lang == "zh" and cjk_path
                          else ImageFont.load_default(size * scale))
        return fonts[key]

    image = Image.new("RGB", (d.width * scale, d.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    for x, text, lang in d.headings:
        draw.text((x * scale, 12 * scale), text, fill="#566573", font=font(13, lang))
    for x1, y1, x2, y2, kind in d.links:
        draw.line([(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)], fill=LINE[kind], width=2 * scale)
    for box in d.boxes:
        fill, stroke, ink = COLOURS[box.kind]
        draw.rounded_rectangle([box.x * scale, box.y * scale, (box.x + box.w) * scale, (box.y + box.h) * scale],
                               radius=6 * scale, fill=fill, outline=stroke, width=max(1, int(1.5 * scale)))
        for i, (text, lang, size) in enumerate(box.lines):
            draw.text(((box.x + PAD) * scale, (box.y + PAD + i * LINE_HEIGHT) * scale), text, fill=ink,
                      font=font(size, lang))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
