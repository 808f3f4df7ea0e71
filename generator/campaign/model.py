"""The campaign model: everything a Vietnamese communication guidance document carries, as data.

The JSON Schema published in ``schema/campaign.schema.json`` is generated from these classes
(``campaign schema``), so editors and the generator agree on the format by construction.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.vi import issuer_name

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_date(value: Any) -> Any:
    """Accept ``2021-05-21`` (YAML's own date) and ``21/5/2021``, as Vietnamese documents write."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and (match := _VN_DATE.match(value.strip())):
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"ngày '{value}' không tồn tại") from None
    return value


def _text_to_mapping(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class _StringOrObject:
    """Schema for items written either as a bare string or as a mapping with ``text``."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core_schema)]}


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^\d{1,2}/\d{1,2}/\d{4}$"},
    ]}),
]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
# Numbers are accepted too (``footnote: 1``): the model turns them into text.
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=80),
                 WithJsonSchema({"anyOf": [
                     {"type": "string", "pattern": SLUG_PATTERN, "minLength": 1, "maxLength": 80},
                     {"type": "integer", "minimum": 0}]})]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              coerce_numbers_to_str=True, defer_build=True)


class Point(_Model):
    """A paragraph of the guidance, optionally with bullet points and a footnote reference."""

    text: Text = Field(description="Nội dung, viết nguyên văn như trong văn bản.")
    points: list[Text] = Field(default_factory=list, description="Các ý gạch đầu dòng.")
    footnote: Slug | None = Field(default=None,
                                  description="Mã chú thích (khóa id trong footnotes).")


PointItem = Annotated[Point, BeforeValidator(_text_to_mapping), _StringOrObject()]


class Document(_Model):
    """A document the guidance cites: plan, programme, decision, directive, resolution, law."""

    id: Slug = Field(description="Mã ngắn, duy nhất, dùng làm neo liên kết, ví dụ kh-105-2021.")
    kind: Text = Field(description="Loại văn bản: Kế hoạch, Chương trình, Quyết định, Chỉ thị...")
    number: Text | None = Field(default=None, description="Số, ký hiệu, ví dụ 105/KH-UBND.")
    date: Date | None = Field(default=None, description="Ngày ban hành.")
    issuer: Text | None = Field(default=None, description="Cơ quan ban hành.")
    title: Text | None = Field(default=None, description="Tên hoặc trích yếu nội dung.")


class Theme(_Model):
    """The year's theme slogan (chủ đề năm) that the guidance asks everyone to carry."""

    text: Text = Field(description="Chủ đề năm, ví dụ: Kỷ cương, trách nhiệm, hành động...")
    year: int = Field(ge=1945, le=2100, description="Năm của chủ đề.")


class Topic(_Model):
    """One content topic (nội dung tuyên truyền)."""

    title: Text | None = Field(default=None, description="Tiêu đề ngắn của nhóm nội dung; "
                               "không có thì lấy vế đầu của đoạn văn.")
    text: Text = Field(description="Đoạn văn của nhóm nội dung, nguyên văn.")
    points: list[PointItem] = Field(default_factory=list, description="Các ý cụ thể.")
    footnote: Slug | None = Field(default=None, description="Mã chú thích gắn cuối đoạn văn.")


class Form(_Model):
    """A form of communication (hình thức tuyên truyền) and its channels."""

    kind: Literal["direct", "media", "visual"] | None = Field(
        default=None,
        description="direct: trực tiếp; media: thông tin đại chúng; visual: trực quan.")
    title: Text | None = Field(default=None, description="Tên hình thức; không có thì lấy vế "
                                                         "đầu của đoạn văn.")
    text: Text | None = Field(default=None, description="Đoạn văn của hình thức, nguyên văn.")
    channels: list[PointItem] = Field(default_factory=list,
                                      description="Các kênh, kèm ví dụ (points).")
    requirement: Text | None = Field(default=None, description="Yêu cầu kèm theo, nếu có.")


class Responsibility(_Model):
    """What one agency, or one group of agencies, must do."""

    id: Slug = Field(description="Mã ngắn của cơ quan, dùng làm địa chỉ trang.")
    agency: Text | None = Field(default=None, description=(
        "Tên cơ quan, đơn vị hoặc chức danh, nguyên văn; không có với đoạn chung như "
        "'Đề nghị ...'."))
    tasks: list[PointItem] = Field(default_factory=list, description="Nhiệm vụ.")


class Phase(_Model):
    """One phase of the plan's timeline ("Đợt 1: Trong tháng 12/2025")."""

    title: Text = Field(description="Tên đợt hoặc giai đoạn, ví dụ Đợt 1.")
    start: Date | None = Field(default=None, description="Ngày bắt đầu.")
    end: Date | None = Field(default=None, description="Ngày kết thúc.")
    text: Text | None = Field(default=None, description="Nội dung của đợt, nguyên văn.")
    points: list[PointItem] = Field(default_factory=list, description="Các ý cụ thể.")

    @model_validator(mode="after")
    def _in_order(self) -> Phase:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"ngày kết thúc {self.end:%d/%m/%Y} trước ngày bắt đầu "
                             f"{self.start:%d/%m/%Y}; hãy sửa lại cho đúng thứ tự")
        return self


# The parts of the genre a document's headings are recognised as (campaign/sections.py).
SectionKey = Literal["purposes", "audience", "phases", "topics", "forms", "responsibilities",
                     "budget", "reporting", "slogans"]


class Section(_Model):
    """A part of the document the generator has no place for, kept whole and in order."""

    title: Text | None = Field(default=None, description="Đề mục, nguyên văn.")
    after: SectionKey | None = Field(default=None,
                                     description="Đứng sau phần nào của văn bản.")
    points: list[PointItem] = Field(default_factory=list,
                                    description="Các đoạn, các ý, nguyên văn.")


class Decision(_Model):
    """The decision that issues the plan ("Ban hành kèm theo Quyết định số ...")."""

    number: Text | None = Field(default=None, description="Số, ký hiệu của quyết định.")
    date: Date | None = Field(default=None, description="Ngày ban hành.")
    title: Text | None = Field(default=None, description="Trích yếu của quyết định.")
    articles: list[Text] = Field(default_factory=list,
                                 description="Các điều của quyết định, nguyên văn.")


class Deadline(_Model):
    date: Date = Field(description="Ngày.")
    title: Text = Field(description="Tên mốc, ví dụ Báo cáo 6 tháng đầu năm.")
    agency: Text | None = Field(default=None, description=(
        "Cơ quan phải làm xong việc trước ngày này, nếu văn bản giao cho một cơ quan."))


class Reporting(_Model):
    """The reporting rhythm the guidance sets."""

    text: Text = Field(description="Yêu cầu báo cáo, nguyên văn.")
    every_months: int | None = Field(default=None, ge=1, le=12,
                                     description="Báo cáo định kỳ mỗi bao nhiêu tháng.")
    year_end: bool = Field(default=False, description="Có báo cáo cuối năm không.")
    by: list[Slug] = Field(default_factory=list,
                           description="Mã các cơ quan phải báo cáo (id trong responsibilities).")
    day: int | None = Field(default=None, ge=1, le=31, description=(
        "Hạn nộp: ngày mấy của tháng cuối kỳ, ví dụ 15 (trước ngày 15 của tháng cuối quý)."))
    deadlines: list[Deadline] = Field(
        default_factory=list,
        description="Hạn báo cáo cụ thể; nếu không có, lịch lấy ngày cuối mỗi kỳ.")


class Footnote(_Model):
    id: Slug = Field(description="Mã chú thích, ví dụ 1.")
    text: Text = Field(description="Nội dung chú thích, nguyên văn.")


MAX_SLOGAN_CHARS = 300


class Slogan(_Model):
    text: Annotated[str, Field(min_length=1, max_length=MAX_SLOGAN_CHARS)] = Field(
        description=f"Khẩu hiệu, tối đa {MAX_SLOGAN_CHARS} ký tự.")
    formats: list[Text] | None = Field(
        default=None, description="Khổ in riêng cho khẩu hiệu này; mặc định lấy posters.formats.")


SloganItem = Annotated[Slogan, BeforeValidator(_text_to_mapping), _StringOrObject()]


class Recipient(_Model):
    name: Text = Field(description="Nơi nhận.")
    purpose: Text | None = Field(default=None, description="Ví dụ: để báo cáo, để thực hiện.")
    copies: int | None = Field(default=None, ge=1, le=1000, description="Số bản, nếu ghi.")


RecipientItem = Annotated[Recipient, BeforeValidator(lambda v: {"name": v} if isinstance(v, str)
                                                     else v), _StringOrObject()]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


# One line, or several ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH").
Lines = Annotated[list[Text], BeforeValidator(_one_or_many), WithJsonSchema({"anyOf": [
    {"type": "string", "minLength": 1},
    {"type": "array", "items": {"type": "string", "minLength": 1}}]})]


class Signatory(_Model):
    authority: Lines = Field(
        default_factory=list, description=(
            "Các dòng thẩm quyền ký, ví dụ [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]."))
    position: Text | None = Field(default=None, description="Chức vụ người ký.")
    name: Text = Field(description="Họ và tên người ký.")


# Only web addresses: a source is published as a link, and javascript: or data: links must
# never reach a page.
URL_PATTERN = r"^https?://[^\s<>\"'`]+$"
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]


class IndexValue(_Model):
    """One published figure of an index, with the address of the source that states it."""

    year: int = Field(ge=1990, le=2100, description="Năm của số liệu.")
    score: float | None = Field(default=None, description="Điểm hoặc tỷ lệ.")
    rank: int | None = Field(default=None, ge=1, description="Xếp hạng.")
    source: Url = Field(description="Địa chỉ nguồn công bố số liệu (http:// hoặc https://).")


class IndexDimension(_Model):
    name: Text = Field(description="Tên nội dung thành phần.")
    score: float = Field(description="Điểm.")


class Index(_Model):
    """A governance index the campaign reports on (PAR INDEX, SIPAS, PAPI...)."""

    code: Text = Field(description="Tên viết tắt, ví dụ PAPI.")
    name: Text = Field(description="Tên đầy đủ.")
    publisher: Text | None = Field(default=None, description="Cơ quan công bố.")
    measures: Text | None = Field(default=None, description="Chỉ số đo lường điều gì.")
    unit: Text | None = Field(default=None, description="Đơn vị điểm, ví dụ % hoặc điểm / 80.")
    ranked_among: int | None = Field(default=None, ge=1,
                                     description="Xếp hạng trên tổng số bao nhiêu, ví dụ 63.")
    values: list[IndexValue] = Field(default_factory=list,
                                     description="Số liệu của địa phương qua các năm.")
    national_average: list[IndexValue] = Field(default_factory=list,
                                               description="Trung bình cả nước qua các năm.")
    dimensions: list[IndexDimension] = Field(default_factory=list,
                                             description="Điểm các nội dung thành phần.")
    dimensions_year: int | None = Field(default=None, description="Năm của điểm thành phần.")
    dimensions_source: Url | None = Field(default=None,
                                          description="Nguồn của điểm thành phần.")


# An abbreviation becomes Markdown's `*[short]: full` definition, where brackets, markup and
# line breaks would end the definition early and publish the rest as raw HTML.
ABBREVIATION_PATTERN = r"^[\w][\w .\-/]*$"


class Abbreviation(_Model):
    short: Annotated[str, Field(min_length=1, max_length=40, pattern=ABBREVIATION_PATTERN)] = \
        Field(description="Chữ viết tắt, ví dụ CCHC: chữ, số, dấu cách, '.', '-', '/'.")
    full: Text = Field(description="Nghĩa đầy đủ, ví dụ cải cách hành chính.")


COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
Color = Annotated[str, Field(pattern=COLOR_PATTERN,
                             description="Mã màu dạng #RRGGBB, ví dụ #A50F15.")]


class Palette(_Model):
    """Poster colours; the default follows the red-and-yellow of Vietnamese public banners."""

    background: Color = Field(default="#A50F15", description="Màu nền.")
    headline: Color = Field(default="#FFE14D", description="Màu chữ khẩu hiệu.")
    text: Color = Field(default="#FFFFFF", description="Màu chữ phụ (tên chiến dịch, chủ đề).")


class CustomFormat(_Model):
    """A format the campaign adds: a print size in mm, or a screen size in pixels."""

    name: Slug = Field(description="Tên khổ, dùng trong formats, ví dụ pa-no-3x1m.")
    label: Text = Field(description="Tên hiển thị, ví dụ Pa-nô 3 × 1 m.")
    width_mm: float | None = Field(default=None, gt=0, le=20000, description="Rộng (mm).")
    height_mm: float | None = Field(default=None, gt=0, le=20000, description="Cao (mm).")
    dpi: int | None = Field(default=None, ge=72, le=600, description="Độ phân giải in.")
    width_px: int | None = Field(default=None, gt=0, le=10000, description="Rộng (điểm ảnh).")
    height_px: int | None = Field(default=None, gt=0, le=10000, description="Cao (điểm ảnh).")


class PrintOrder(_Model):
    """How many of a format the print shop prints of each slogan, and on what."""

    format: Text = Field(description="Tên khổ, ví dụ a3-doc, bang-ron-0.8x6m.")
    quantity: int = Field(ge=1, le=1_000_000, description="Số bản in mỗi khẩu hiệu.")
    material: Text | None = Field(default=None, description=(
        "Chất liệu, ví dụ giấy couché 150 g/m², bạt hiflex."))


# The formats every slogan is drawn in unless the campaign names others (names of
# generator/posters/formats.py's catalogue).
DEFAULT_FORMATS = ("a4-doc", "a3-doc", "bang-ron-0.8x6m", "led-ngang", "led-doc", "mang-xa-hoi")


class PosterSettings(_Model):
    """How the campaign's slogans become posters, banners and screen images."""

    formats: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_FORMATS),
        description="Các khổ được in cho mọi khẩu hiệu (tên trong danh mục khổ).")
    custom_formats: list[CustomFormat] = Field(default_factory=list,
                                               description="Khổ riêng của chiến dịch.")
    large_format_dpi: int = Field(default=100, ge=100, le=150,
                                  description="Độ phân giải băng rôn, pa-nô (100–150 dpi).")
    palette: Palette = Field(default_factory=Palette, description="Màu áp phích.")
    headline_font: Text | None = Field(default=None,
                                       description="Tệp phông TTF/OTF cho khẩu hiệu.")
    text_font: Text | None = Field(default=None, description="Tệp phông TTF/OTF cho chữ phụ.")
    logo: Text | None = Field(default=None, description="Tệp ảnh biểu trưng (PNG, JPEG).")
    crop_marks: bool = Field(default=True, description=(
        "Dấu cắt ở lề tệp PDF in (mặc định có; ghi false nếu nhà in tự đặt dấu cắt)."))
    cmyk_profile: Text | None = Field(default=None, description=(
        "Hồ sơ màu CMYK của nhà in: tệp .icc (đường dẫn tính từ thư mục campaigns/), hoặc "
        "fogra39 (hồ sơ có sẵn cho in offset trên giấy tráng phủ). Khi có, mỗi khổ in có thêm "
        "tệp PDF CMYK (PDF/X-4)."))
    hem_mm: float = Field(default=30.0, ge=0, le=200, description=(
        "Lề may viền (mm) của băng rôn, pa-nô: chữ và mã QR tránh phần này."))
    grommet_spacing_mm: float = Field(default=500.0, ge=100, le=3000, description=(
        "Khoảng cách giữa hai khoen (mm) trên băng rôn, pa-nô."))
    grommet_marks: bool = Field(default=False, description=(
        "Đánh dấu chỗ đục khoen trên tệp PDF của băng rôn, pa-nô."))
    print: list[PrintOrder] = Field(default_factory=list, description=(
        "Số lượng và chất liệu in từng khổ, ghi trên phiếu in gửi nhà in."))


class Leaflet(_Model):
    """What the folded leaflet (tờ rơi) tells citizens besides the theme and the slogans."""

    actions: list[Text] = Field(default_factory=list, max_length=8, description=(
        "Người dân có thể làm gì: mỗi dòng một việc, ngắn gọn, rút từ văn bản (in ở một mặt "
        "của tờ rơi)."))
    messages: list[Text] = Field(default_factory=list, max_length=10, description=(
        "Thông điệp chính in trên tờ rơi; không ghi thì dùng các khẩu hiệu."))


PHONE_PATTERN = r"^\+?[0-9][0-9 .()-]{2,24}$"
EMAIL_PATTERN = r"^[^@\s<>\"'`]+@[^@\s<>\"'`]+\.[^@\s<>\"'`]+$"


class Cover(_Model):
    """The campaign's cover picture, shown at the top of its overview."""

    file: Text = Field(description="Tệp ảnh PNG hoặc JPEG, đường dẫn tính từ thư mục campaigns/.")
    alt: Text = Field(description="Ảnh thể hiện gì, cho người dùng trình đọc màn hình.")


class Contact(_Model):
    """Who citizens can ask: shown on the campaign's overview."""

    unit: Text = Field(description="Đơn vị đầu mối, ví dụ Phòng Văn hóa và Thông tin.")
    hotline: Annotated[str, Field(pattern=PHONE_PATTERN)] | None = Field(
        default=None, description="Số điện thoại đường dây nóng, ví dụ 024 3825 3536.")
    email: Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=200)] | None = Field(
        default=None, description="Thư điện tử.")
    address: Text | None = Field(default=None, description="Địa chỉ.")
    hours: Text | None = Field(default=None, description=(
        "Giờ làm việc, tiếp dân, ví dụ Sáng thứ Hai đến thứ Sáu, 7 giờ 30 đến 11 giờ 30."))


MAX_UNITS = 5000  # the country has 3,321 communes and wards (since July 2025)
MAX_UNIT_NAME_CHARS = 120


class UnitChoice(_Model):
    """Which slogans and formats a unit's posters use; what is not set comes from the level
    above (unit, then its group, then the campaign's units, then the slogans' own)."""

    slogans: list[Annotated[int, Field(ge=1, le=100)]] | None = Field(default=None, description=(
        "Số thứ tự các khẩu hiệu được in (1 là khẩu hiệu đầu tiên); mặc định: mọi khẩu hiệu."))
    formats: list[Text] | None = Field(default=None, description=(
        "Các khổ được in; mặc định: khổ của từng khẩu hiệu hoặc posters.formats."))


class Unit(UnitChoice):
    """A unit that carries the campaign out locally (a commune, a ward) with its own posters,
    page and print pack."""

    id: Slug = Field(description="Mã đơn vị, dùng làm địa chỉ trang, ví dụ phuong-ba-dinh.")
    name: Annotated[str, Field(min_length=1, max_length=MAX_UNIT_NAME_CHARS)] = Field(
        description="Tên in trên áp phích, ví dụ UBND PHƯỜNG BA ĐÌNH.")
    group: Slug | None = Field(default=None, description="Mã nhóm (id trong groups).")
    hotline: Annotated[str, Field(pattern=PHONE_PATTERN)] | None = Field(
        default=None, description="Đường dây nóng của đơn vị.")
    address: Text | None = Field(default=None, description="Địa chỉ trụ sở.")
    contact: Text | None = Field(default=None, description=(
        "Đầu mối liên hệ, ví dụ Văn phòng HĐND và UBND phường."))
    url: Url | None = Field(default=None, description=(
        "Trang riêng của đơn vị; mã QR trên áp phích dẫn tới đây. Mặc định: trang của đơn vị "
        "trên trang web này."))


class UnitGroup(UnitChoice):
    """Units that get the same slogans and formats (for example the wards of the centre)."""

    id: Slug = Field(description="Mã nhóm, ví dụ noi-thanh.")
    name: Text | None = Field(default=None, description="Tên nhóm, hiện trên trang các đơn vị.")


class UnitList(_Model):
    """The units of a shared file (``units/ha-noi.yml``) that several campaigns use."""

    units: list[Unit] = Field(default_factory=list, max_length=MAX_UNITS,
                              description=f"Các đơn vị (tối đa {MAX_UNITS}).")
    groups: list[UnitGroup] = Field(default_factory=list, description="Các nhóm đơn vị.")


class Units(UnitList, UnitChoice):
    """The units that carry the campaign out: listed here, or in a shared file, or both."""

    file: Text | None = Field(default=None, description=(
        "Tệp danh sách đơn vị dùng chung, đường dẫn tính từ thư mục campaigns/, ví dụ "
        "units/ha-noi.yml; các đơn vị ghi thêm ở đây được nối vào sau."))


class ReportSettings(_Model):
    """What the site shows of the units' reports (campaign report collect)."""

    public: bool = Field(default=False, description=(
        "Công bố tiến độ báo cáo (đơn vị đã nộp, nộp muộn, chưa nộp, số liệu từng đơn vị) "
        "trên trang web công khai; mặc định chỉ hiện khi xem trước (campaign serve)."))


class Campaign(_Model):
    """A communication campaign, as set out in one guidance document."""

    model_config = ConfigDict(title="Chiến dịch thông tin, tuyên truyền",
                              json_schema_extra={"$schema":
                                                 "https://json-schema.org/draft/2020-12/schema"})

    id: Slug = Field(description="Mã chiến dịch: chữ thường không dấu, số, dấu '-'; "
                                 "là địa chỉ trang, ví dụ cchc-ha-noi-2021.")
    kind: Text = Field(default="Hướng dẫn", description="Loại văn bản gốc.")
    number: Text | None = Field(default=None,
                                description="Số, ký hiệu của văn bản gốc, ví dụ 159/KH-UBND.")
    draft: bool = Field(default=False, description="Bản nháp: chỉ hiện khi xem trước "
                                                   "(campaign serve), không xuất bản.")
    contact: Contact | None = Field(default=None,
                                    description="Nơi người dân hỏi thêm về chiến dịch.")
    cover: Cover | None = Field(default=None, description="Ảnh bìa ở trang tổng quan.")
    title: Text = Field(description="Tên đầy đủ của văn bản hướng dẫn.")
    short_title: Text = Field(description="Tên ngắn, dùng trong trình đơn và áp phích.")
    summary: Text = Field(description="Một hai câu giới thiệu cho người dân (mô tả trang).")
    issuer: Text = Field(description="Cơ quan ban hành.")
    parent: Text | None = Field(default=None, description=(
        "Cơ quan cấp trên ghi trên dòng đầu của văn bản, ví dụ ỦY BAN BẦU CỬ XÃ PHỐ BẢNG."))
    place: Text = Field(description="Địa danh ghi trên văn bản.")
    date: Date | None = Field(default=None, description="Ngày ban hành (bỏ trống nếu văn bản "
                                                         "không ghi ngày).")
    year: int = Field(ge=1945, le=2100, description="Năm của chiến dịch.")
    theme: Theme | None = Field(default=None, description="Chủ đề năm.")
    basis: list[Slug] = Field(default_factory=list,
                              description="Căn cứ: mã các văn bản (id trong documents).")
    documents: list[Document] = Field(default_factory=list, description="Mọi văn bản được dẫn.")
    decision: Decision | None = Field(default=None,
                                      description="Quyết định ban hành kèm kế hoạch, nếu có.")
    preamble: list[Text] = Field(default_factory=list, description=(
        "Các đoạn mở đầu ('Căn cứ ...;', 'Thực hiện ...'), nguyên văn."))
    purposes: list[PointItem] = Field(default_factory=list, description="Mục đích, yêu cầu.")
    topics: list[Topic] = Field(default_factory=list, description="Nội dung tuyên truyền.")
    forms: list[Form] = Field(default_factory=list, description="Hình thức tuyên truyền.")
    responsibilities: list[Responsibility] = Field(default_factory=list,
                                                   description="Tổ chức thực hiện.")
    sections: list[Section] = Field(default_factory=list, description=(
        "Các phần khác của văn bản, giữ nguyên văn và đúng thứ tự."))
    headings: dict[SectionKey, Text] = Field(default_factory=dict, description=(
        "Đề mục như văn bản viết, khi khác đề mục thường dùng (MỤC ĐÍCH, YÊU CẦU...)."))
    audience: list[PointItem] = Field(default_factory=list,
                                      description="Đối tượng, phạm vi tuyên truyền.")
    phases: list[Phase] = Field(default_factory=list,
                                description="Lộ trình: các đợt, giai đoạn có ngày.")
    budget: list[PointItem] = Field(default_factory=list, description="Kinh phí.")
    reporting: Reporting | None = Field(default=None, description="Chế độ báo cáo.")
    deadlines: list[Deadline] = Field(default_factory=list, description=(
        "Các hạn và sự kiện có ngày ghi trong văn bản (trước ngày ..., chậm nhất ngày ...), "
        "đưa vào lịch của chiến dịch."))
    closing: Text | None = Field(default=None,
                                 description="Đoạn kết, ví dụ: Trên đây là Kế hoạch ...")
    footnotes: list[Footnote] = Field(default_factory=list, description="Chú thích.")
    slogans: list[SloganItem] = Field(default_factory=list, max_length=100,
                                      description="Khẩu hiệu (tối đa 100).")
    indices: list[Index] = Field(default_factory=list, description="Các chỉ số được nhắc tới.")
    abbreviations: list[Abbreviation] = Field(default_factory=list,
                                              description="Chữ viết tắt dùng trong văn bản.")
    recipients: list[RecipientItem] = Field(default_factory=list, description="Nơi nhận.")
    signatory: Signatory | None = Field(default=None, description="Người ký.")
    posters: PosterSettings = Field(default_factory=PosterSettings,
                                    description="Áp phích, băng rôn, màn hình LED.")
    leaflet: Leaflet = Field(default_factory=Leaflet, description=(
        "Tờ rơi gấp ba: việc người dân có thể làm, thông điệp chính."))
    reports: ReportSettings = Field(default_factory=ReportSettings, description=(
        "Báo cáo của các đơn vị: có công bố tiến độ trên trang web công khai không."))
    units: Units | None = Field(default=None, description=(
        "Các đơn vị thực hiện (xã, phường): mỗi đơn vị có áp phích mang tên, đường dây nóng "
        "và mã QR của mình, một trang và một gói in riêng."))

    def issuer_name(self) -> str:
        """The issuer as a sentence or a poster names it: "Ủy ban nhân dân tỉnh Đắk Lắk"
        from the letterhead's "ỦY BAN NHÂN DÂN" / "TỈNH ĐẮK LẮK", with its parent where the
        letterhead prints one ("Ban Tuyên giáo Thành ủy Hà Nội"); as written when a person
        wrote it in normal case."""
        return issuer_name(self.issuer, self.parent)

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def responsibility(self, agency_id: str) -> Responsibility:
        return next(r for r in self.responsibilities if r.id == agency_id)
