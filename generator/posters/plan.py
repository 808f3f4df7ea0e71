"""Which posters a campaign asks for: one job per slogan and format, with its content hash."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.campaign.model import Campaign, CustomFormat, Unit
from generator.campaign.units import unit_slogans
from generator.memo import file_digest, key
from generator.paths import unit_page_url, unit_posters
from generator.posters.color import SHIPPED_PROFILES
from generator.posters.finishing import finished
from generator.posters.fonts import default_headline_font, default_text_font
from generator.posters.formats import PosterFormat, catalogue
from generator.posters.layout import Fonts, PosterTexts
from generator.vi import slugify


@dataclass(frozen=True)
class PosterJob:
    """Everything that decides one poster's pixels."""

    campaign_id: str
    stem: str
    slogan: str
    fmt: PosterFormat
    texts: PosterTexts
    fonts: Fonts
    colors: tuple[str, str]
    background: str
    qr_url: str | None
    logo: Path | None
    crop_marks: bool
    thumbnail: bool = True  # share cards appear in no gallery
    cmyk_profile: Path | None = None  # the print shop's: a CMYK PDF besides the RGB one
    grommet_marks: bool = False
    proof: bool = False  # the site's address is a placeholder: every print file says so

    def key(self) -> str:
        """The cache key (:func:`generator.pipeline.cache.key`) of the job's inputs, with the
        bytes of its fonts and logo."""
        # The dataclass repr spells out every field, nested ones too, in a fixed order: a
        # tenth of the time of asdict and JSON, which shows on thousands of share cards.
        files = [file_digest(p) for p in (self.fonts.headline, self.fonts.text, self.logo,
                                          self.cmyk_profile) if p is not None]
        return key("poster", repr(self), *files)


def formats_for(campaign: Campaign) -> dict[str, PosterFormat]:
    """The built-in catalogue plus the campaign's own formats, banners and panels with the
    campaign's hem and grommets."""
    formats = catalogue(campaign.posters.large_format_dpi)
    formats.update({c.name: custom_format(c, campaign.posters.large_format_dpi)
                    for c in campaign.posters.custom_formats})
    return {name: finished(fmt, campaign.posters) for name, fmt in formats.items()}


def cmyk_profile(campaign: Campaign, base_dir: Path) -> Path | None:
    """The print shop's CMYK profile the campaign names: a shipped one by name, or a file."""
    name = campaign.posters.cmyk_profile
    if not name:
        return None
    return SHIPPED_PROFILES.get(name.lower(), base_dir / name)


def custom_format(spec: CustomFormat, dpi: int) -> PosterFormat:
    if spec.width_px and spec.height_px:
        return PosterFormat(spec.name, spec.label, "screen",
                            width_px=spec.width_px, height_px=spec.height_px)
    assert spec.width_mm and spec.height_mm
    return PosterFormat(spec.name, spec.label, "print", spec.width_mm,
                        spec.height_mm, spec.dpi or dpi)


def poster_fonts(campaign: Campaign, base_dir: Path) -> Fonts:
    settings = campaign.posters
    return Fonts(
        base_dir / settings.headline_font if settings.headline_font else default_headline_font(),
        base_dir / settings.text_font if settings.text_font else default_text_font(),
    )


# Addresses a site cannot really have: the sample's "example" domains and this machine.
_PLACEHOLDER_HOST = re.compile(r"(?:^|\.)example(?:\.[a-z]+)*$|^localhost$|^127\.|^\[?::1\]?$|"
                               r"\.invalid$|\.test$")


def is_placeholder(site_url: str | None) -> bool:
    """Whether QR codes made for ``site_url`` would lead nowhere a citizen can reach."""
    if not site_url:
        return True
    host = (urlsplit(site_url).hostname or "").lower()
    return not host or bool(_PLACEHOLDER_HOST.search(host))


def placeholder_message(site_url: str | None) -> str:
    """The one line a build says while the site has no real address."""
    what = f"site_url là địa chỉ mẫu ({site_url})" if site_url else "chưa có site_url"
    return (f"{what}: mã QR trên áp phích chưa dẫn tới đâu, nên mọi tệp in mang dải BẢN THỬ; "
            "hãy ghi địa chỉ thật của trang vào dòng site_url trong mkdocs.yml")


def campaign_url(site_url: str, campaign_id: str) -> str:
    return f"{site_url.rstrip('/')}/{campaign_id}/"


def footer_text(campaign: Campaign, slogan: str, qr: bool) -> str:
    parts = []
    if campaign.theme:
        theme = campaign.theme
        parts.append(f"Chủ đề công tác năm {theme.year}" if slogan == theme.text
                     else f"Chủ đề năm {theme.year}: {theme.text}")
    if qr:
        parts.append("Quét mã QR để xem chi tiết")
    return ". ".join(parts) + "." if parts else campaign.place


@dataclass(frozen=True)
class _Settings:
    """What every poster of one campaign shares."""

    formats: dict[str, PosterFormat]
    fonts: Fonts
    logo: Path | None
    profile: Path | None
    proof: bool
    url: str | None

    def job(self, campaign: Campaign, stem: str, slogan: str, name: str, texts: PosterTexts,
            qr: str | None) -> PosterJob:
        settings, fmt = campaign.posters, self.formats[name]
        palette = settings.palette
        return PosterJob(campaign.id, stem, slogan, fmt, texts, self.fonts,
                         (palette.headline, palette.text), palette.background,
                         qr if fmt.qr else None, self.logo, settings.crop_marks,
                         cmyk_profile=self.profile if fmt.is_print else None,
                         grommet_marks=settings.grommet_marks,
                         proof=self.proof and fmt.is_print)


def _settings(campaign: Campaign, base_dir: Path, site_url: str | None) -> _Settings:
    settings = campaign.posters
    return _Settings(formats_for(campaign), poster_fonts(campaign, base_dir),
                     base_dir / settings.logo if settings.logo else None,
                     cmyk_profile(campaign, base_dir), is_placeholder(site_url),
                     campaign_url(site_url, campaign.id) if site_url else None)


def plan_posters(campaign: Campaign, base_dir: Path, site_url: str | None) -> list[PosterJob]:
    """One job per slogan and format, in a stable order."""
    plan = _settings(campaign, base_dir, site_url)
    jobs = []
    for number, slogan in enumerate(campaign.slogans, start=1):
        for name in slogan.formats or campaign.posters.formats:
            qr = plan.url if plan.formats[name].qr else None
            texts = PosterTexts(slogan.text, campaign.short_title, campaign.issuer_name(),
                                footer_text(campaign, slogan.text, qr is not None))
            jobs.append(plan.job(campaign, f"{number:02d}-{slugify(slogan.text)}--{name}",
                                 slogan.text, name, texts, plan.url))
    return jobs


def unit_url(campaign: Campaign, unit: Unit, site_url: str | None) -> str | None:
    """Where a unit's QR codes lead: its own page if it has one, else its page on the site."""
    if unit.url:
        return unit.url
    return unit_page_url(campaign_url(site_url, campaign.id), unit.id) if site_url else None


def unit_texts(campaign: Campaign, unit: Unit, slogan: str, qr: bool) -> PosterTexts:
    """A unit's poster: its name where the issuer stands, its hotline after the footer."""
    footer = footer_text(campaign, slogan, qr)
    if unit.hotline:
        footer = f"{footer} Đường dây nóng: {unit.hotline}."
    return PosterTexts(slogan, campaign.short_title, unit.name, footer)


def plan_unit_posters(campaign: Campaign, base_dir: Path,
                      site_url: str | None) -> dict[str, list[PosterJob]]:
    """Each unit's jobs (by unit id), in the campaign's order of units, slogans and formats.
    A unit's posters are proofs while its QR code leads nowhere yet."""
    if campaign.units is None:
        return {}
    plan = _settings(campaign, base_dir, site_url)
    planned: dict[str, list[PosterJob]] = {}
    for unit in campaign.units.units:
        url = unit_url(campaign, unit, site_url)
        own = dataclasses.replace(plan, proof=is_placeholder(url))
        folder = unit_posters(unit.id)
        planned[unit.id] = [
            own.job(campaign, f"{folder}/{number:02d}-{slugify(slogan.text)}--{name}",
                    slogan.text, name,
                    unit_texts(campaign, unit, slogan.text, url is not None and
                               plan.formats[name].qr), url)
            for number, slogan, formats in unit_slogans(campaign, unit) for name in formats]
    return planned
