"""Synthetic projects: many campaigns, each with many agencies, topics and slogans.

Each campaign is the Hanoi sample with its lists grown from a vocabulary of the guidance's own
words, so that every page type, chart and poster the real campaign has is exercised, in
Vietnamese, at the size of a city-wide programme.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.campaign.load import load_campaign

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "campaigns" / "cchc-ha-noi-2021.md"

_VOCABULARY = (
    "cải cách hành chính tuyên truyền người dân doanh nghiệp dịch vụ công trực tuyến thủ tục "
    "minh bạch kỷ cương trách nhiệm hành động sáng tạo phát triển chính quyền điện tử số hóa "
    "hồ sơ một cửa liên thông phường xã quận huyện thị trấn cán bộ công chức viên chức phục vụ "
    "hài lòng đánh giá chỉ số nâng cao chất lượng hiệu quả công việc đồng thuận xã hội thông "
    "tin báo chí pa-nô áp phích băng rôn màn hình hội nghị tọa đàm đối thoại tiếp nhận giải "
    "quyết phản ánh kiến nghị đúng hạn tiết kiệm thời gian chi phí"
)
WORDS = _VOCABULARY.split()
AGENCY_KINDS = ("Ủy ban nhân dân", "Phòng Nội vụ", "Trung tâm Văn hóa - Thông tin",
                "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Mặt trận Tổ quốc")
PLACES = ("Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng",
          "Hoàng Mai", "Thanh Xuân", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Nam Từ Liêm", "Thanh Trì")


def _sample() -> dict[str, Any]:
    """The sample campaign as plain data, as its YAML form would hold it."""
    campaign = load_campaign(SAMPLE, root=ROOT)
    data: dict[str, Any] = campaign.model_dump(mode="json", exclude_defaults=True)
    return data


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def campaign_data(index: int, *, agencies: int = 12, topics: int = 8, slogans: int = 3,
                  formats: tuple[str, ...] = ("mang-xa-hoi",)) -> dict[str, Any]:
    """The sample grown to ``agencies`` responsibilities, ``topics`` topics and ``slogans``
    slogans; deterministic for a given ``index``."""
    rng = random.Random(index)
    data = _sample()
    place = PLACES[index % len(PLACES)]
    data["id"] = f"chien-dich-{index:03d}"
    data["short_title"] = f"Tuyên truyền cải cách hành chính {place} số {index}"
    data["title"] = f"{data['title']} (chiến dịch mẫu số {index}, {place})"
    data["topics"] = data["topics"] + [
        {"title": _sentence(rng, 4, 9),
         "text": ". ".join(_sentence(rng, 12, 30) for _ in range(3)) + ".",
         "points": [_sentence(rng, 8, 20) for _ in range(rng.randint(2, 5))]}
        for _ in range(max(0, topics - len(data["topics"])))]
    data["responsibilities"] = data["responsibilities"] + [
        {"id": f"don-vi-{n:03d}",
         "agency": f"{AGENCY_KINDS[n % len(AGENCY_KINDS)]} {PLACES[n % len(PLACES)]} {n}",
         "tasks": [_sentence(rng, 10, 25) for _ in range(rng.randint(2, 4))]}
        for n in range(max(0, agencies - len(data["responsibilities"])))]
    data["slogans"] = [_sentence(rng, 6, 14) for _ in range(slogans)]
    data["posters"] = {"formats": list(formats)}
    return data


def write_project(target: Path, campaigns: int, *,
                  formats: tuple[str, ...] = ("mang-xa-hoi",), **sizes: Any) -> Path:
    """A whole project folder (configuration, hand-written pages, theme): the sample campaign
    (the news posts link to it) and ``campaigns - 1`` synthetic ones, all with ``formats``."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    folder = target / "campaigns"
    folder.mkdir(parents=True)
    sample = _sample()
    sample["posters"] = {"formats": list(formats)}
    for data in [sample, *(campaign_data(i, formats=formats, **sizes)
                           for i in range(1, campaigns))]:
        (folder / f"{data['id']}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8")
    return target
