"""Loading a campaign file into the model, with every problem placed at its line and column."""

from __future__ import annotations

import datetime as dt
import difflib
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.campaign.checked import recall, remember
from generator.campaign.files import path_problem
from generator.campaign.markdownsource import MARKDOWN_SUFFIX, parse_markdown
from generator.campaign.model import (
    ABBREVIATION_PATTERN,
    COLOR_PATTERN,
    EMAIL_PATTERN,
    PHONE_PATTERN,
    URL_PATTERN,
    Campaign,
)
from generator.campaign.units import UnitSources, unit_reference_problems, with_shared_units
from generator.campaign.yamlsource import Loc, SourceDocument, parse_yaml, read_campaign_bytes
from generator.errors import Problem, UserError
from generator.paths import RESERVED_IDS


@dataclass(frozen=True)
class Checks:
    """What the floors that make a campaign's files check before making them (its posters
    fit, its fonts hold every letter, its pictures open): the loader runs them after its own
    checks, each problem at its line, and remembers a campaign that passed them with the files
    they read. Without them a campaign is checked as data alone, and the loader needs nothing
    of what draws it."""

    formats: Callable[[Campaign], Iterable[str]]  # the format names the campaign may name
    problems: Callable[[SourceDocument, Campaign, Path], Iterable[tuple[Loc, str]]]
    units: Callable[[Campaign, UnitSources, Path], Iterable[Problem]]  # once all else passed
    files: Callable[[Campaign, Path], list[Path]]  # what ``problems`` and ``units`` read


def load_campaign(path: Path, root: Path | None = None, cache_dir: Path | None = None,
                  checks: Checks | None = None) -> Campaign:
    """Read and validate one campaign file; raise :class:`UserError` with all its problems.

    ``root`` is the project folder that files the campaign names must stay inside; by default
    the folder above the campaign file's own (``campaigns/..``). With ``cache_dir``, a campaign
    that passed every check before, unchanged since with all it refers to, is not checked again.
    ``checks`` are those of what is made from it (:data:`generator.posters.check.BUILD_CHECKS`).
    """
    root = root or path.resolve().parent.parent
    source = read_campaign_bytes(path)
    files = checks.files if checks is not None else None
    if cache_dir is not None:
        known = recall(path, root, cache_dir, source, files)
        if known is not None:
            return known
    doc = (parse_markdown(path, source) if path.suffix == MARKDOWN_SUFFIX
           else parse_yaml(path, source))
    if not isinstance(doc.data, dict):
        raise UserError([doc.problem((), "tệp chiến dịch phải là một bảng 'khóa: giá trị' "
                                         "(bắt đầu bằng id:, title:, ...)")])
    try:
        campaign = Campaign.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(_problem(doc, error) for error in exc.errors()) from None
    campaign, units = with_shared_units(doc, campaign,
                                        lambda value, base: path_problem(value, base, root),
                                        _problem)
    problems = list(_reference_problems(doc, campaign))
    problems += unit_reference_problems(
        campaign, units, set(checks.formats(campaign)) if checks is not None else None)
    if checks is not None:
        problems += [doc.problem(loc, message)
                     for loc, message in checks.problems(doc, campaign, root)]
    if campaign.id in RESERVED_IDS:
        problems.append(doc.problem(("id",), (
            f"mã chiến dịch '{campaign.id}' trùng với một phần sẵn có của trang web "
            f"({', '.join(sorted(RESERVED_IDS))}); hãy chọn mã khác, ví dụ "
            f"{campaign.id}-{campaign.year}, và đổi tên tệp cho khớp")))
    if path.stem != campaign.id:
        problems.append(doc.problem(("id",), f"mã chiến dịch '{campaign.id}' phải trùng tên tệp "
                                             f"'{path.stem}'; hãy đổi một trong hai cho khớp"))
    # The names are laid out with the campaign's fonts: only once they work.
    if not problems and checks is not None:
        problems += checks.units(campaign, units, path.parent)
    if problems:
        raise UserError(problems)
    if cache_dir is not None:
        remember(path, root, cache_dir, source, campaign, files)
    return campaign


def load_campaigns(paths: Iterable[Path], root: Path | None = None,
                   cache_dir: Path | None = None,
                   checks: Checks | None = None) -> list[Campaign]:
    """Load several files, reporting the problems of all of them before giving up."""
    campaigns: list[Campaign] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            campaigns.append(load_campaign(path, root, cache_dir, checks))
        except UserError as exc:
            problems.extend(exc.problems)
    if problems:
        raise UserError(problems)
    # Newest first: the menu shows the newest few, the home page lists them all by year.
    return sorted(campaigns, key=lambda c: (-c.year, -(c.date or dt.date.min).toordinal(), c.id))


# How many valid ids a message about an unknown one lists.
_LISTED_IDS = 20


def _reference_problems(doc: SourceDocument, campaign: Campaign) -> Iterator[Problem]:
    """Ids must be unique and every reference must point at something that exists."""
    sections: dict[str, list[str]] = {
        "documents": [d.id for d in campaign.documents],
        "responsibilities": [r.id for r in campaign.responsibilities],
        "footnotes": [f.id for f in campaign.footnotes],
    }
    for section, ids in sections.items():
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                yield doc.problem((section, i, "id"), f"mã '{item_id}' đã dùng ở một mục khác "
                                                      f"trong {section}; mỗi mục cần một mã riêng")
            seen.add(item_id)

    def check(loc: Loc, ref: str | None, section: str, known: set[str]) -> Iterator[Problem]:
        if ref is not None and ref not in known:
            close = difflib.get_close_matches(ref, sorted(known), n=1)
            hint = f"; có phải ý bạn là '{close[0]}'?" if close else "."
            shown = sorted(known)[:_LISTED_IDS]
            more = ", ..." if len(known) > _LISTED_IDS else ""
            valid = (f" Các mã có trong {section}: {', '.join(shown)}{more}" if known
                     else f" Chưa có mục nào trong {section}.")
            yield doc.problem(loc, f"'{ref}' không có trong {section}{hint}{valid}")

    documents = {d.id for d in campaign.documents}
    footnotes = {f.id for f in campaign.footnotes}
    agencies = {r.id for r in campaign.responsibilities}
    for i, ref in enumerate(campaign.basis):
        yield from check(("basis", i), ref, "documents", documents)
    if campaign.reporting:
        for i, ref in enumerate(campaign.reporting.by):
            yield from check(("reporting", "by", i), ref, "responsibilities", agencies)
    notes: list[tuple[Loc, str | None]] = [
        *((("purposes", i, "footnote"), p.footnote) for i, p in enumerate(campaign.purposes)),
        *((("topics", i, "footnote"), t.footnote) for i, t in enumerate(campaign.topics)),
    ]
    for loc, note in notes:
        yield from check(loc, note, "footnotes", footnotes)


def _problem(doc: SourceDocument, error: ErrorDetails,
             model: type[BaseModel] = Campaign) -> Problem:
    """One validation error of ``doc``, a file of ``model`` (a campaign, or a shared list of
    units), as a problem at its place."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = _name(loc)
    if kind == "extra_forbidden":
        return doc.problem(loc, _unknown_key_message(loc, model), key=True)
    if kind == "missing":
        field = _field(loc, model)
        about = f" ({field.description.rstrip('.')})" if field and field.description else ""
        where = f" trong {_where(loc[:-1])}" if loc[:-1] else ""
        return doc.problem(loc[:-1], f"thiếu khóa bắt buộc '{loc[-1]}'{where}{about}")
    got = _describe(error.get("input"))
    expected = _EXPECTED.get(kind)
    if expected is None and kind.startswith("date"):
        expected = "phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2021-05-21) hoặc DD/MM/YYYY"
    if kind == "string_pattern_mismatch":
        expected = _PATTERN_MESSAGES.get(str(error.get("ctx", {}).get("pattern")), (
            "chỉ được gồm chữ thường không dấu, chữ số và dấu '-' (ví dụ cchc-ha-noi-2021)"))
    if kind == "literal_error":
        expected = f"phải là một trong: {error.get('ctx', {}).get('expected', '')}"
    if kind == "too_short":
        expected = f"cần ít nhất {error.get('ctx', {}).get('min_length', 1)} mục"
    if kind == "too_long":
        expected = f"có nhiều nhất {error.get('ctx', {}).get('max_length')} mục"
    if kind == "string_too_long":
        expected = (f"dài quá {error.get('ctx', {}).get('max_length')} ký tự; hãy rút gọn")
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = error.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        expected = f"phải {'lớn' if 'ge' in ctx else 'nhỏ'} hơn hoặc bằng {bound}"
    if kind == "value_error":
        expected = str(error.get("ctx", {}).get("error", error["msg"]))
    # A kind of error met nowhere above still gets a Vietnamese line, never pydantic's English.
    message = expected or "không đúng dạng; hãy xem mẫu trong campaigns/cchc-ha-noi-2021.md"
    return doc.problem(loc, f"'{name}' {message}; đang là {got}")


_PATTERN_MESSAGES = {
    ABBREVIATION_PATTERN: "chỉ được gồm chữ, chữ số, dấu cách và các dấu '.', '-', '/' (ví dụ "
                          "CCHC, UBND TP)",
    COLOR_PATTERN: "phải là mã màu dạng \"#RRGGBB\" trong dấu ngoặc kép, ví dụ \"#1565C0\"",
    URL_PATTERN: "phải là một địa chỉ web bắt đầu bằng http:// hoặc https://",
    PHONE_PATTERN: "phải là một số điện thoại, chỉ gồm chữ số, dấu cách, '.', '-', '(', ')' và "
                   "có thể bắt đầu bằng '+' (ví dụ 024 3825 3536)",
    EMAIL_PATTERN: "phải là một địa chỉ thư điện tử, ví dụ vanphong@hanoi.gov.vn",
}

_EXPECTED = {
    "string_type": "phải là một đoạn văn bản",
    "string_too_short": "không được để trống",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "int_parsing_size": "là số quá dài; hãy viết một số nguyên ngắn, ví dụ năm 2025",
    "float_type": "phải là một số",
    "float_parsing": "phải là một số",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách, mỗi mục một dòng bắt đầu bằng '- '",
    "dict_type": "phải là một bảng các dòng 'khóa: giá trị'",
    "model_type": "phải là một bảng các dòng 'khóa: giá trị'",
    "model_attributes_type": "phải là một bảng các dòng 'khóa: giá trị'",
}


def _describe(value: Any) -> str:
    if value is None:
        return "trống"
    if isinstance(value, bool):
        return f"giá trị đúng/sai ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"số {value}"
    if isinstance(value, dt.date):
        return f"ngày {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"văn bản '{shown}'"
    if isinstance(value, list):
        return f"danh sách {len(value)} mục"
    if isinstance(value, dict):
        return "bảng khóa: giá trị"
    return type(value).__name__


def _name(loc: Loc) -> str:
    keys = [part for part in loc if isinstance(part, str)]
    if not keys:
        return "tệp"
    if isinstance(loc[-1], int):
        return f"{keys[-1]} (mục {loc[-1] + 1})"
    return keys[-1]


def _where(loc: Loc) -> str:
    return " › ".join(f"mục {part + 1}" if isinstance(part, int) else part for part in loc)


def _unknown_key_message(loc: Loc, root: type[BaseModel]) -> str:
    key = str(loc[-1])
    model = _model_at(loc[:-1], root)
    allowed = sorted(model.model_fields) if model else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    where = f" trong {_where(loc[:-1])}" if loc[:-1] else ""
    hint = (f"có phải ý bạn là '{close[0]}'?" if close
            else f"các khóa được dùng: {', '.join(allowed)}")
    return f"khóa '{key}' không có trong định dạng chiến dịch{where}; {hint}"


def _field(loc: Loc, root: type[BaseModel]) -> Any:
    model = _model_at(loc[:-1], root)
    return model.model_fields.get(str(loc[-1])) if model else None


def _model_at(loc: Loc, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class whose fields are valid at ``loc``, following lists and optionals."""
    current: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    while True:
        origin = get_origin(annotation)
        args = [a for a in get_args(annotation) if a is not type(None)]
        unwraps = origin is Annotated or origin is list
        if unwraps or (origin in (Union, types.UnionType) and len(args) == 1):
            annotation = args[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        else:
            return None
