"""Poster problems found before anything is drawn, each placed at its line in the campaign file."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

from generator.campaign.files import path_problem
from generator.campaign.load import Checks
from generator.campaign.model import Campaign, Unit
from generator.campaign.units import UnitSources, unit_slogans
from generator.campaign.yamlsource import Loc, SourceDocument
from generator.errors import Problem
from generator.posters.color import MIN_CONTRAST, SHIPPED_PROFILES, contrast_ratio
from generator.posters.fonts import FontError, missing_characters
from generator.posters.formats import PRINTED_FORMATS, PosterFormat
from generator.posters.layout import Fonts, LayoutError, layout_poster
from generator.posters.plan import (
    cmyk_profile,
    formats_for,
    plan_posters,
    poster_fonts,
    unit_texts,
)

MAX_LOGO_BYTES = 20 * 1024 * 1024
MAX_LOGO_PIXELS = 40_000_000
MAX_POSTERS = 500
# A unit's name is set on the issuer's line, shrunk to fit: below this share of the size a
# short name gets there, it no longer reads from where a poster is seen.
MIN_NAME_SCALE = 0.5
_SHORT_NAME = "UBND XÃ"
# The national case (3,321 communes and wards, 10 slogans, 6 formats) is 199,260 posters.
MAX_UNIT_POSTERS = 250_000


def poster_problems(doc: SourceDocument, campaign: Campaign,
                    root: Path) -> Iterator[tuple[Loc, str]]:
    """Every reason the campaign's posters cannot be drawn, as (location, message).

    Font and logo paths are relative to the campaign file and must stay inside ``root``, the
    project folder, also after following symbolic links.
    """
    settings = campaign.posters
    outside = False
    shipped = (settings.cmyk_profile or "").lower() in SHIPPED_PROFILES
    for key in ("headline_font", "text_font", "logo", *(() if shipped else ("cmyk_profile",))):
        value = getattr(settings, key)
        problem = path_problem(value, doc.path.parent, root) if value else None
        if problem:
            outside = True
            yield ("posters", key), problem
    if outside:
        return
    known = formats_for(campaign)
    wanted: list[tuple[Loc, str]] = [(("posters", "formats", i), n)
                                     for i, n in enumerate(settings.formats)]
    for s, slogan in enumerate(campaign.slogans):
        wanted += [(("slogans", s, "formats", i), n) for i, n in enumerate(slogan.formats or [])]
    wanted += [(("posters", "print", i, "format"), o.format) for i, o in enumerate(settings.print)]
    unknown = False
    for loc, name in wanted:
        # A print order may also be for the leaflet or the handbook, which no slogan is in.
        names = sorted({*known, *PRINTED_FORMATS}) if loc[1] == "print" else sorted(known)
        if name not in names:
            unknown = True
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"có phải ý bạn là '{close[0]}'?" if close else (
                "các khổ có sẵn: " + ", ".join(names))
            yield loc, f"khổ '{name}' không có trong danh mục; {hint}"
    for i, spec in enumerate(settings.custom_formats):
        by_mm, by_px = spec.width_mm and spec.height_mm, spec.width_px and spec.height_px
        if bool(by_mm) == bool(by_px):
            yield (("posters", "custom_formats", i), "khổ riêng cần hoặc width_mm và height_mm "
                   "(khổ in), hoặc width_px và height_px (màn hình), không cả hai")
            unknown = True
    count = sum(len(s.formats or settings.formats) for s in campaign.slogans)
    if count > MAX_POSTERS:
        unknown = True
        yield (("slogans",), f"chiến dịch cần {count} áp phích, nhiều hơn giới hạn {MAX_POSTERS}; "
               "hãy bớt khẩu hiệu hoặc khổ in")
    yield from _contrast_problems(campaign)
    base = doc.path.parent
    fonts = poster_fonts(campaign, base)
    font_ok = True
    for key, path, texts in (
            ("headline_font", fonts.headline,
             [campaign.short_title, *(s.text for s in campaign.slogans)]),
            ("text_font", fonts.text, [campaign.issuer_name(), campaign.issuer_name().upper(),
                                       campaign.theme.text if campaign.theme else "",
                                       "Chủ đề năm: Quét mã QR để xem chi tiết. ·0123456789"])):
        font_loc: Loc = ("posters", key)
        if not path.is_file():
            font_ok = False
            yield font_loc, f"không thấy tệp phông '{path.name}' ({path}); hãy kiểm tra đường dẫn"
            continue
        try:
            missing = missing_characters(path, " ".join(texts))
        except FontError as exc:
            font_ok = False
            yield font_loc, str(exc)
            continue
        if missing:
            font_ok = False
            chars = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:8])
            yield font_loc, (f"phông {path.name} thiếu ký tự {chars}; hãy chọn phông có đủ chữ "
                        "tiếng Việt")
    if settings.cmyk_profile and not shipped:
        problem = profile_problem(base / settings.cmyk_profile)
        if problem:
            yield ("posters", "cmyk_profile"), problem
    logo_ok = True
    if settings.logo:
        problem = image_problem(base / settings.logo, "biểu trưng")
        if problem:
            logo_ok = False
            yield ("posters", "logo"), problem
    if font_ok and logo_ok and not unknown:
        yield from _fit_problems(campaign, base)


def profile_problem(path: Path) -> str | None:
    """Why ``path`` is not a CMYK printer profile ImageCms can convert to, or None."""
    if not path.is_file():
        return (f"không thấy tệp hồ sơ màu '{path.name}'; hãy kiểm tra đường dẫn, hoặc ghi "
                f"{', '.join(SHIPPED_PROFILES)} để dùng hồ sơ có sẵn")
    try:
        profile = ImageCms.getOpenProfile(str(path))
    except (OSError, ImageCms.PyCMSError):
        return f"tệp '{path.name}' không phải hồ sơ màu ICC; hãy xin nhà in tệp .icc"
    if profile.profile.xcolor_space.strip() != "CMYK":
        return (f"hồ sơ màu '{path.name}' là hệ {profile.profile.xcolor_space.strip()}, không "
                "phải CMYK; hãy xin nhà in hồ sơ CMYK của máy in và giấy sẽ dùng")
    return None


def _fit_problems(campaign: Campaign, base: Path) -> Iterator[tuple[Loc, str]]:
    index = {s.text: i for i, s in enumerate(campaign.slogans)}
    for job in plan_posters(campaign, base, "https://x.invalid/"):
        try:
            layout_poster(job.fmt, job.texts, job.fonts, job.colors,
                          qr_modules=33 if job.qr_url else None, logo=job.logo is not None)
        except LayoutError as exc:
            yield (("slogans", index[job.slogan]),
                   f"khẩu hiệu quá dài cho khổ {job.fmt.label}: {exc}; hãy rút gọn khẩu hiệu "
                   "hoặc bỏ khổ này khỏi formats của khẩu hiệu")


def image_problem(path: Path, what: str) -> str | None:
    """Why the picture at ``path`` cannot be used (missing, too large, unreadable), or None."""
    if not path.is_file():
        return f"không thấy tệp {what} '{path.name}' ({path})"
    if path.stat().st_size > MAX_LOGO_BYTES:
        return f"tệp {what} quá lớn (hơn {MAX_LOGO_BYTES // 1024 // 1024} MB)"
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_LOGO_PIXELS:
                return (f"ảnh {what} quá lớn ({image.width} × {image.height} điểm ảnh); "
                        "hãy dùng ảnh nhỏ hơn 40 triệu điểm ảnh")
            image.load()
    except Image.DecompressionBombError:
        return f"ảnh {what} quá lớn để mở an toàn; hãy dùng ảnh nhỏ hơn"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"tệp {what} '{path.name}' không phải ảnh đọc được (PNG, JPEG) hoặc đã hỏng"
    return None


COVER_SUFFIXES = (".png", ".jpg", ".jpeg")


def cover_problems(doc: SourceDocument, campaign: Campaign,
                   root: Path) -> Iterator[tuple[Loc, str]]:
    """Why the campaign's cover picture cannot be published, as (location, message)."""
    if campaign.cover is None:
        return
    value = campaign.cover.file
    problem = path_problem(value, doc.path.parent, root)
    if problem is None and Path(value).suffix.lower() not in COVER_SUFFIXES:
        problem = f"ảnh bìa phải là tệp PNG hoặc JPEG; đang là '{Path(value).name}'"
    if problem is None:
        problem = image_problem(doc.path.parent / value, "ảnh bìa")
    if problem:
        yield ("cover", "file"), problem


def _contrast_problems(campaign: Campaign) -> Iterator[tuple[Loc, str]]:
    palette = campaign.posters.palette
    for key in ("headline", "text"):
        color = getattr(palette, key)
        ratio = contrast_ratio(color, palette.background)
        if ratio < MIN_CONTRAST:
            yield (("posters", "palette", key),
                   f"màu chữ {key} {color} trên nền {palette.background} chỉ đạt độ tương phản "
                   f"{ratio:.2f}:1, cần ít nhất {MIN_CONTRAST}:1; hãy chọn màu sáng hơn hoặc nền "
                   "tối hơn")


def unit_problems(campaign: Campaign, sources: UnitSources, base: Path) -> Iterator[Problem]:
    """Unit names and hotlines the campaign's text font cannot draw, and names too long to
    read on a format the unit gets: each at the unit's line, in its own file."""
    if campaign.units is None:
        return
    fonts = poster_fonts(campaign, base)
    formats = formats_for(campaign)
    chosen = {unit.id: unit_slogans(campaign, unit) for unit in campaign.units.units}
    count = sum(len(names) for rows in chosen.values() for _, _, names in rows)
    if count > MAX_UNIT_POSTERS:
        yield sources.doc.problem(("units",), (
            f"các đơn vị cần {count} áp phích, nhiều hơn giới hạn {MAX_UNIT_POSTERS}; hãy chọn "
            "bớt khẩu hiệu hoặc khổ cho từng nhóm đơn vị (slogans, formats), hoặc tách chiến "
            "dịch"))
        return
    reference: dict[str, int] = {}
    for unit, place in zip(campaign.units.units, sources.units, strict=True):
        missing = missing_characters(fonts.text, f"{unit.name} {unit.hotline or ''}")
        if missing:
            chars = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:8])
            yield place.problem("name", f"phông {fonts.text.name} thiếu ký tự {chars}; hãy viết "
                                        "tên bằng chữ tiếng Việt thường dùng")
            continue
        for name in dict.fromkeys(name for _, _, names in chosen[unit.id] for name in names):
            fmt = formats[name]
            size = _name_size(campaign, unit.name, fmt, fonts, base)
            if name not in reference:
                reference[name] = _name_size(campaign, _SHORT_NAME, fmt, fonts, base)
            if size < reference[name] * MIN_NAME_SCALE:
                yield place.problem("name", (
                    f"tên đơn vị quá dài cho khổ {fmt.label}: chữ chỉ còn "
                    f"{size / reference[name]:.0%} cỡ dòng; hãy viết gọn (ví dụ 'UBND' thay "
                    "cho 'ỦY BAN NHÂN DÂN') hoặc bỏ khổ này khỏi formats của đơn vị"))
                break


def _name_size(campaign: Campaign, name: str, fmt: PosterFormat, fonts: Fonts,
               base: Path) -> int:
    """The size the issuer's line gets with ``name`` on ``fmt`` (its headline does not move
    it: the lines have boxes of their own)."""
    texts = unit_texts(campaign, Unit(id="x", name=name), "A", fmt.qr)
    palette = campaign.posters.palette
    layout = layout_poster(fmt, texts, fonts, (palette.headline, palette.text),
                           qr_modules=33 if fmt.qr else None, logo=bool(campaign.posters.logo))
    return layout.blocks[1].size


def _made_problems(doc: SourceDocument, campaign: Campaign,
                   root: Path) -> Iterator[tuple[Loc, str]]:
    yield from poster_problems(doc, campaign, root)
    yield from cover_problems(doc, campaign, root)


def _read_files(campaign: Campaign, base: Path) -> list[Path]:
    """The files the checks above read: the fonts, the logo and the CMYK profile."""
    fonts = poster_fonts(campaign, base)
    files = [fonts.headline, fonts.text]
    if campaign.posters.logo:
        files.append(base / campaign.posters.logo)
    if (profile := cmyk_profile(campaign, base)) is not None:
        files.append(profile)
    return files


# A campaign checked for a build: what the loader checks, then whether its posters, cover and
# units' posters can be made.
BUILD_CHECKS = Checks(formats=formats_for, problems=_made_problems, units=unit_problems,
                      files=_read_files)
