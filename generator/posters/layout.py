"""Where everything goes on a poster: pure geometry from format, texts and fonts to boxes.

The headline is set as large as fits the safe area, broken only between words into balanced
lines, never before a dash or a closing mark (:func:`break_units`). Heights come from real
glyph boxes, including stacked Vietnamese marks (Ẩ, Ễ, Ộ), so nothing is clipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from generator.posters.fonts import load
from generator.posters.formats import PosterFormat

Box = tuple[int, int, int, int]

_REFERENCE_SIZE = 200
# The tallest and deepest Vietnamese glyphs, to reserve room above and below every line.
_EXTREMES = "ẨỄỘẪỸÁẶgjpqyỵ"
_QR_MIN_MM = 20
QR_QUIET_MODULES = 4
# Vietnamese breaks a line before a word, never before a mark that closes what precedes it:
# a dash set between spaces ("cải cách - phục vụ") stays at the end of the line it ends, as
# do , . : ; ! ? and closing brackets and quotes. An opening bracket or quote set apart stays
# with the word it opens.
_CLOSING = tuple("-‐‑–—,.:;!?…)]}”’»%")
_OPENING = set("([{“‘«")


class LayoutError(Exception):
    """Text that cannot be set legibly in the format."""


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[str, ...]
    font: Path
    size: int
    origins: tuple[tuple[int, int], ...]  # left-baseline point of each line ("ls" anchor)
    boxes: tuple[Box, ...]  # ink box of each line on the canvas
    color: str


@dataclass(frozen=True)
class QrPlacement:
    x: int
    y: int
    module: int
    modules: int  # symbol width in modules, without the quiet zone

    @property
    def box(self) -> Box:
        """The white plate: symbol plus its quiet zone."""
        side = (self.modules + 2 * QR_QUIET_MODULES) * self.module
        return self.x, self.y, self.x + side, self.y + side


@dataclass(frozen=True)
class Layout:
    canvas: tuple[int, int]
    trim: Box
    bleed: Box
    safe: Box
    blocks: tuple[TextBlock, ...]
    qr: QrPlacement | None
    logo: Box | None


@dataclass(frozen=True)
class PosterTexts:
    headline: str
    title: str
    issuer: str
    footer: str


@dataclass(frozen=True)
class Fonts:
    headline: Path
    text: Path


def safe_margin_px(fmt: PosterFormat, width: int, height: int) -> int:
    """Inset from the trim edge that text and QR code keep clear of: 4% of the short side,
    at least 5 mm on print, and 5 mm inside a banner's hem."""
    margin = round(min(width, height) * 0.04)
    return max(margin, fmt.px(5 + fmt.hem_mm)) if fmt.is_print else margin


def minimum_headline_px(fmt: PosterFormat, safe: Box) -> int:
    """The smallest legible headline: 1/40 of the safe area's short side, and 7 mm on print."""
    short = min(safe[2] - safe[0], safe[3] - safe[1])
    return max(short // 40, fmt.px(7)) if fmt.is_print else max(short // 40, 28)


def layout_poster(fmt: PosterFormat, texts: PosterTexts, fonts: Fonts, colors: tuple[str, str],
                  *, qr_modules: int | None, logo: bool) -> Layout:
    """Place headline, title block, footer, QR code and logo for one poster."""
    width, height = fmt.pixels()
    bleed_box = (0, 0, width, height)
    bleed = fmt.px(fmt.bleed_mm()) if fmt.is_print else 0
    trim = (bleed, bleed, width - bleed, height - bleed)
    margin = safe_margin_px(fmt, trim[2] - trim[0], trim[3] - trim[1])
    safe = (trim[0] + margin, trim[1] + margin, trim[2] - margin, trim[3] - margin)
    headline_color, text_color = colors
    minimum = minimum_headline_px(fmt, safe)
    sw, sh = safe[2] - safe[0], safe[3] - safe[1]
    qr_min_px = fmt.px(_QR_MIN_MM) if fmt.is_print else 0
    # Title, issuer and footer support the headline: never larger than this.
    small = max(1, round(min(sw, sh) * 0.06))

    if sw / sh >= 3:
        # Banner: logo | title, headline, footer | QR code, side by side.
        header_h, footer_h, gap = round(sh * 0.16), round(sh * 0.12), round(sh * 0.06)
        side = round(sh * 0.75)
        qr = _qr(qr_modules, safe[2] - side, safe[1] + (sh - side) // 2, side, qr_min_px)
        logo_y = safe[1] + (sh - side) // 2
        logo_box = (safe[0], logo_y, safe[0] + side, logo_y + side) if logo else None
        left = safe[0] + (side + round(sh * 0.15) if logo else 0)
        right = (qr.box[0] - round(sh * 0.15)) if qr else safe[2]
        blocks = [
            fit_text(f"{texts.issuer} · {texts.title}", fonts.text,
                     (left, safe[1], right, safe[1] + header_h), text_color, 1, max_lines=1,
                     maximum=small),
            fit_text(texts.footer, fonts.text, (left, safe[3] - footer_h, right, safe[3]),
                     text_color, 1, max_lines=1, maximum=small),
        ]
        headline_box = (left, safe[1] + header_h + gap, right, safe[3] - footer_h - gap)
    else:
        # Sheet or screen: logo and title on top, headline in the middle, footer and QR below.
        portrait = sh > sw
        header_h = round(sh * (0.12 if portrait else 0.15))
        footer_h = round(sh * (0.2 if portrait else 0.26))
        gap = round(sh * 0.04)
        logo_box = (safe[0], safe[1], safe[0] + header_h, safe[1] + header_h) if logo else None
        title_left = safe[0] + (header_h + gap if logo else 0)
        issuer_h = round(header_h * 0.38)
        side = max(footer_h, qr_min_px)
        qr = _qr(qr_modules, safe[2] - side, safe[3] - side, side, qr_min_px)
        footer_right = qr.box[0] - gap if qr else safe[2]
        blocks = [
            fit_text(texts.issuer.upper(), fonts.text,
                     (title_left, safe[1], safe[2], safe[1] + issuer_h), text_color, 1,
                     max_lines=1, align="left", maximum=small),
            fit_text(texts.title, fonts.headline,
                     (title_left, safe[1] + issuer_h + round(header_h * 0.08), safe[2],
                      safe[1] + header_h), text_color, 1, max_lines=2, align="left",
                     maximum=small),
            fit_text(texts.footer, fonts.text, (safe[0], safe[3] - side, footer_right, safe[3]),
                     text_color, 1, max_lines=4, align="left", maximum=small),
        ]
        headline_box = (safe[0], safe[1] + header_h + gap, safe[2], safe[3] - side - gap)
    headline = fit_text(texts.headline, fonts.headline, headline_box, headline_color, minimum)
    return Layout((width, height), trim, bleed_box, safe, (headline, *blocks), qr, logo_box)


def _qr(modules: int | None, x: int, y: int, side: int, min_px: int) -> QrPlacement | None:
    if modules is None:
        return None
    module = side // (modules + 2 * QR_QUIET_MODULES)
    if module * modules < min_px:
        module = -(-min_px // modules)
    plate = (modules + 2 * QR_QUIET_MODULES) * module
    return QrPlacement(x + side - plate, y + side - plate, module, modules)


def fit_text(text: str, font: Path, box: Box, color: str, minimum: int, *,
             max_lines: int | None = None, align: str = "center",
             maximum: int | None = None) -> TextBlock:
    """Set ``text`` as large as fits ``box`` (up to ``maximum``) in balanced lines; raise if
    it fits only below ``minimum``."""
    words = break_units(text)
    width, height = box[2] - box[0], box[3] - box[1]
    spans = _Spans(tuple(words), font)
    top, bottom = _extremes(load(font, _REFERENCE_SIZE))

    def line_count(size: int, most: int | None) -> int | None:
        return _line_count(spans, len(words), width / size * _REFERENCE_SIZE, most)

    # Whether a size fits depends only on how many lines it needs, which the greedy count
    # gives in linear time; the balancing pass runs once, at the size the search settles on.
    low, high, best = max(minimum, 1), max(minimum, min(height, maximum or height)), None
    while low <= high:
        size = (low + high) // 2
        fits = _lines_that_fit(size, height, top, bottom)
        count = line_count(size, min(max_lines or fits, fits))
        if count is not None and _block_height(count, size, top, bottom) <= height:
            best, low = (size, count), size + 1
        else:
            high = size - 1
    while best is not None:
        size, count = best
        lines = _balanced(words, spans, width / size * _REFERENCE_SIZE, count)
        block = _place(lines, font, size, box, color, align)
        if all(b[0] >= box[0] and b[2] <= box[2] and b[1] >= box[1] and b[3] <= box[3]
               for b in block.boxes):
            return block
        size -= max(1, size // 50)
        smaller = line_count(size, max_lines)
        best = (size, smaller) if size >= minimum and smaller is not None else None
    raise LayoutError(f"không đủ chỗ: cần cỡ chữ ít nhất {minimum} điểm ảnh trong khung "
                      f"{width} × {height}")


def break_units(text: str) -> list[str]:
    """``text``'s words as the units a line may break between: a word that starts with a
    closing mark joins the word before it, an opening mark standing alone the word after it
    (a unit keeps its inner space, so the lines join back into ``text``)."""
    units: list[str] = []
    opened = ""
    for word in text.split():
        if units and not opened and word.startswith(_CLOSING):
            units[-1] += " " + word
        elif (not units and word.startswith(_CLOSING)) or set(word) <= _OPENING:
            opened += word + " "  # nothing before it on the line: it leads the next word
        else:
            units.append(opened + word)
            opened = ""
    if opened:
        units.append(opened.rstrip())
    return units


class _Spans:
    """Width of any run of consecutive words at the reference size, from per-word advances.

    Measuring each word once keeps fitting linear in the slogan's length; the chosen lines are
    then measured for real (ink boxes, kerning) before they are accepted.
    """

    def __init__(self, words: tuple[str, ...], font: Path) -> None:
        face = load(font, _REFERENCE_SIZE)
        self._space = _advance(face, " ")
        self._prefix = [0.0]
        for word in words:
            self._prefix.append(self._prefix[-1] + _advance(face, word))

    def __getitem__(self, run: tuple[int, int]) -> float:
        i, j = run
        return self._prefix[j] - self._prefix[i] + self._space * (j - i - 1)


@lru_cache(maxsize=8192)
def _advance(face: ImageFont.FreeTypeFont, word: str) -> float:
    """A word's advance at the reference size: a slogan is set in several formats and sizes,
    its words are shaped once (per loaded font, so a replaced font file is measured anew)."""
    return face.getlength(word)


@lru_cache(maxsize=32)
def _extremes(face: ImageFont.FreeTypeFont) -> tuple[float, float]:
    """How far the tallest mark rises and the deepest descender falls, per pixel of size."""
    _, top, _, bottom = face.getbbox(_EXTREMES, anchor="ls")
    return top / _REFERENCE_SIZE, bottom / _REFERENCE_SIZE


def _pitch(size: int, top: float, bottom: float) -> int:
    return round(max(1.15, bottom - top + 0.06) * size)


def _lines_that_fit(size: int, height: int, top: float, bottom: float) -> int:
    return max(0, int((height - (bottom - top) * size) // _pitch(size, top, bottom)) + 1)


def _block_height(lines: int, size: int, top: float, bottom: float) -> float:
    return (bottom - top) * size + (lines - 1) * _pitch(size, top, bottom)


def _line_count(spans: _Spans, n: int, limit: float, max_lines: int | None) -> int | None:
    """Fewest lines that set the words within ``limit`` (greedy filling is optimal for this),
    or None when a word alone is too wide or more than ``max_lines`` lines are needed."""
    count, i = 0, 0
    while i < n:
        j = i + 1
        if spans[i, j] > limit:
            return None
        while j < n and spans[i, j + 1] <= limit:
            j += 1
        count, i = count + 1, j
    return None if max_lines is not None and count > max_lines else count


def _balanced(words: list[str], spans: _Spans, limit: float, count: int) -> list[str]:
    """The split of ``words`` into ``count`` lines within ``limit`` whose longest line is
    shortest; ``count`` is the fewest lines that fit (from :func:`_line_count`)."""
    n = len(words)
    if n == 0:
        return []
    # cost[k][i]: the smallest possible longest line when words[i:] are set in k lines.
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[n] * (n + 1) for _ in range(count + 1)]
    cost[0][n] = 0.0
    rows = [[spans[i, j] for j in range(i + 1, n + 1)] for i in range(n)]
    for k in range(1, count + 1):
        before, here, cuts = cost[k - 1], cost[k], cut[k]
        for i in range(n - 1, -1, -1):
            best, best_j = inf, n
            for j, width in enumerate(rows[i], start=i + 1):
                if width > limit:
                    break
                worst = width if width > before[j] else before[j]
                if worst < best:
                    best, best_j = worst, j
            here[i], cuts[i] = best, best_j
    lines, i = [], 0
    for k in range(count, 0, -1):
        j = cut[k][i]
        lines.append(" ".join(words[i:j]))
        i = j
    return lines


def _place(lines: list[str], font: Path, size: int, box: Box, color: str,
           align: str) -> TextBlock:
    face = load(font, size)
    top, bottom = _extremes(load(font, _REFERENCE_SIZE))
    pitch = _pitch(size, top, bottom)
    height = _block_height(len(lines), size, top, bottom)
    baseline = box[1] + round((box[3] - box[1] - height) / 2 - top * size)
    origins, boxes = [], []
    for line in lines:
        left, ink_top, right, ink_bottom = (round(v) for v in face.getbbox(line, anchor="ls"))
        if align == "center":
            x = box[0] + round((box[2] - box[0] - (right - left)) / 2) - left
        else:
            x = box[0] - left
        origins.append((x, baseline))
        boxes.append((x + left, baseline + ink_top, x + right, baseline + ink_bottom))
        baseline += pitch
    return TextBlock(tuple(lines), font, size, tuple(origins), tuple(boxes), color)
