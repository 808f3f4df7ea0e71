"""The words of the summary report, from a period's progress: the sentences carrying the
figures, the difficulties and proposals gathered from the units' text, and the reminders to
the units that have not reported. Pure text, so that the Word file, the pages and the tests
read the same sentences."""

from __future__ import annotations

from generator.campaign.model import Campaign
from generator.reports.progress import Progress, Status
from generator.reports.workbook import file_name
from generator.vi import amount, short_date

# The counted items as reports of the genre group them: visual, direct, mass media.
_SENTENCES = (
    ("Về tuyên truyền trực quan", ("pa-no", "bang-ron", "khau-hieu", "to-roi-in",
                                   "to-roi-phat")),
    ("Về tuyên truyền trực tiếp", ("hoi-nghi", "nguoi-tham-du")),
    ("Về thông tin trên các phương tiện thông tin đại chúng và mạng xã hội",
     ("tin-bai", "loa", "bai-dang")),
)


def document_name(campaign: Campaign) -> str:
    """"Hướng dẫn số 01-HD/BTGTU ngày 21/5/2021 của Ban Tuyên giáo Thành ủy Hà Nội"."""
    number = f" số {campaign.number}" if campaign.number else " số …"
    day = f" ngày {short_date(campaign.date)}" if campaign.date else ""
    return f"{campaign.kind}{number}{day} của {campaign.issuer_name()}"


def standing(progress: Progress) -> str:
    total = len(progress.rows)
    on_time, late = progress.count(Status.ON_TIME), progress.count(Status.LATE)
    missing, waiting = progress.count(Status.MISSING), progress.count(Status.WAITING)
    text = (f"Có {amount(progress.reported)}/{amount(total)} đơn vị đã gửi báo cáo "
            f"({amount(on_time)} đơn vị đúng hạn, {amount(late)} đơn vị nộp muộn)")
    if missing:
        text += f"; {amount(missing)} đơn vị chưa gửi báo cáo dù đã quá hạn"
    if waiting:
        text += f"; {amount(waiting)} đơn vị chưa đến hạn gửi"
    return text + f" (hạn nộp {short_date(progress.period.deadline)})."


def result_sentences(progress: Progress, totals: dict[str, int] | None = None) -> list[str]:
    """One sentence per kind of work, each carrying its figures ("Về tuyên truyền trực
    quan, các đơn vị đã treo 1.234 pa nô, áp phích; ..."); kinds with nothing counted are
    left out."""
    counts = progress.totals if totals is None else totals
    by_id = {i.id: i for i in progress.indicators}
    out = []
    grouped: set[str] = set()
    for lead, ids in _SENTENCES:
        grouped.update(ids)
        parts = [by_id[i].phrase.format(n=amount(counts[i])) for i in ids
                 if i in by_id and counts.get(i)]
        if parts:
            out.append(f"{lead}, các đơn vị đã {'; '.join(parts)}.")
    rest = [i.phrase.format(n=amount(counts[i.id])) for i in progress.indicators
            if i.id not in grouped and counts.get(i.id)]
    if rest:
        out.append(f"Theo các hình thức tuyên truyền của văn bản, các đơn vị đã thực hiện "
                   f"{'; '.join(rest)}.")
    return out or ["Các đơn vị chưa báo cáo số liệu nào trong kỳ."]


def said(progress: Progress, what: str, named: int = 3) -> list[str]:
    """The units' ``difficulties`` or ``proposals``, each text once with the units that wrote
    it ("UBND XÃ A, UBND XÃ B và 1.658 đơn vị khác: Thiếu kinh phí."), in the units' order."""
    by_text: dict[str, list[str]] = {}
    for row in progress.rows:
        text = getattr(row.submission, what) if row.submission is not None else ""
        if text:
            by_text.setdefault(" ".join(text.split()), []).append(row.reporter.name)
    out = []
    for text, units in by_text.items():
        names = ", ".join(units[:named])
        if len(units) > named:
            names += f" và {amount(len(units) - named)} đơn vị khác"
        out.append(f"{names}: {text}")
    return out


def reminders(progress: Progress, campaign: Campaign) -> list[tuple[str, str]]:
    """(unit, message) for each unit past the deadline without a report: a short text to
    paste into a message."""
    period = progress.period
    out = []
    for row in progress.with_status(Status.MISSING):
        unit = row.reporter
        out.append((unit.name, (
            f"Kính gửi {unit.name}: đến nay {campaign.issuer_name()} chưa nhận được báo cáo "
            f"{period.name} về {campaign.short_title} (hạn nộp {short_date(period.deadline)}). "
            f"Đề nghị đơn vị điền số liệu vào biểu mẫu "
            f"{file_name(campaign.id, period.id, unit.id)} và gửi lại sớm. Trân trọng.")))
    return out
