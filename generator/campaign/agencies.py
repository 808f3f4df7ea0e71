"""Which words of a document name a body that is given tasks: the genre's own wording.

Plans assign tasks in a few ways, whatever the topic: a numbered line holding only a body's
name, its tasks in bullets under it ("2.1. Sở Tài chính", "3. Đề nghị Ủy ban Mặt trận Tổ quốc
Việt Nam tỉnh"); a name before a colon ("Sở Y tế: chủ trì ..."); a sentence opening with the
name and the verb offices use ("Công an tỉnh chủ trì, phối hợp ...", "Sở Nội vụ có trách nhiệm
..."). A body's name opens with the word for its kind (Sở, Ban, Ủy ban, Công an, Trung tâm,
Phòng, "các cơ quan" ...) or, for a person named by office, "Đồng chí"; a lead-in such as
"Phân công nhiệm vụ cụ thể như sau:" opens with none of them and is never a body.
"""

from __future__ import annotations

import re

# The words a body's name opens with (lower case, with marks: "sở" is a body, "số" is not),
# after "các"/"những" and the request words below.
_KINDS = (
    "sở", "bộ", "ban", "ủy ban", "ubnd", "ubmttq", "hđnd", "hội đồng", "công an", "bộ chỉ huy",
    "bộ tư lệnh", "bộ đội", "phòng", "trung tâm", "văn phòng", "liên đoàn", "viện", "tòa án",
    "hội", "đoàn", "mặt trận", "đài", "báo", "thông tấn xã", "ngân hàng", "cục", "chi cục",
    "tổng cục", "kho bạc", "bưu điện", "đảng ủy", "huyện ủy", "thành ủy", "tỉnh ủy", "cấp ủy",
    "tổ chức chính trị", "tổ chức cung cấp", "tổ chức thành viên", "tổ chức đoàn thể",
    "đoàn thể", "cơ quan", "đơn vị", "địa phương", "doanh nghiệp", "trường", "bệnh viện",
    "tiểu ban", "tổ công tác", "chi bộ", "thường trực", "thường vụ", "lãnh đạo", "đồng chí",
    "chủ tịch", "phó chủ tịch", "giám đốc", "bí thư", "trưởng ban", "phó trưởng ban",
    "thủ trưởng", "người đứng đầu", "cán bộ", "chuyên viên", "ngành", "chính phủ",
    "bộ trưởng", "thanh tra", "kiểm toán", "công đoàn", "tổng công ty", "công ty",
    "hợp tác xã", "tổ dân phố", "thôn", "bản", "ấp", "khu phố", "thuế", "hải quan", "trạm",
)
# Words that open a sentence or a heading with a body's word: "Hội nghị ...", "Ban hành ...".
_NOT_BODIES = ("hội nghị", "hội thi", "hội thảo", "ban hành", "trường hợp", "phòng, chống",
               "phòng chống", "phòng ngừa", "đoàn kết", "đơn vị tính", "bản đồ", "báo cáo")
_KIND = re.compile(r"^(?:(?:các|những|toàn thể)\s+)?(?:" + "|".join(
    sorted((re.escape(k) for k in _KINDS), key=len, reverse=True)) + r")(?!\w)")
# Words that ask or give before the name: "Đề nghị Liên đoàn Lao động tỉnh", "Giao Công an".
_REQUEST = re.compile(r"^(?:đề nghị|giao|yêu cầu|trách nhiệm của|nhiệm vụ của)\s+",
                      re.IGNORECASE)
# What follows a name in a sentence that assigns a task: a verb offices use, or a word of
# time before it ("Sở Tài chính định kỳ hằng quý tổng hợp ..."). "tổ chức" after "các" is a
# noun ("các tổ chức chính trị - xã hội"); in capitals, the word is part of a name ("Ban Xây
# dựng Đảng").
_VERB = re.compile(r"(?<!các)(?<!những)\s+(?:chủ trì|có trách nhiệm|chịu trách nhiệm|phối hợp|"
                   r"là cơ quan|thực hiện|tổ chức|chỉ đạo|hướng dẫn|tham mưu|triển khai|"
                   r"căn cứ|theo dõi|xây dựng|bố trí|tăng cường|đẩy mạnh|rà soát|chủ động|"
                   r"tiếp tục|kiểm tra|phụ trách|định kỳ|hằng năm|hàng năm|hằng quý|"
                   r"thường xuyên|tổng hợp|báo cáo|gửi|khẩn trương|kịp thời|nghiêm túc|"
                   r"ban hành|cung cấp|bảo đảm|đảm bảo|quán triệt|phổ biến|tuyên truyền|"
                   r"nâng cao|duy trì|tiến hành|giúp|lãnh đạo|vận động|nắm|đề nghị|yêu cầu)\b")
# A name before these is the one who asks ("Ủy ban nhân dân xã đề nghị các thôn ..."), not
# the one who does.
_ASKS = ("đề nghị", "yêu cầu")
_OWNS = ("chủ trì", "có trách nhiệm", "chịu trách nhiệm")
# A line holding a name and one of these is a sentence, not a heading.
_ASSIGNS = re.compile(r"\s(?:chủ trì|có trách nhiệm|chịu trách nhiệm|phối hợp với|là cơ quan|"
                      r"tham mưu)\b")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")  # "Sở Tài chính (cơ quan chủ trì)"
_MAX_WORDS = 45  # "Thường trực cấp ủy, Ban Tuyên giáo các quận, huyện, ..." runs long


def _lower(text: str) -> str:
    """Lower case, with "uỷ" and "ủy" (two placings of one tone) alike."""
    return text.lower().replace("uỷ", "ủy")


def is_body(name: str) -> bool:
    """Whether ``name`` names a body or an office (not a sentence or a lead-in)."""
    name = _REQUEST.sub("", name.strip())
    words = _lower(name)
    # "Các cơ quan được phân công …" points at whoever a task was given to: no body of its own.
    if not name or len(name.split()) > _MAX_WORDS \
            or re.search(r"[.!?“”\"]|như sau|sau đây|được phân công|được giao", name):
        return False
    bare = re.sub(r"^(?:các|những|toàn thể)\s+", "", words)
    # A kind's word alone ("Cơ quan chủ trì: …") names no body; an abbreviation (UBND) does.
    if bare.startswith(_NOT_BODIES) or (_KIND.fullmatch(words) and not name.isupper()):
        return False
    return bool(_KIND.match(words))


def heading_body(text: str) -> str | None:
    """The body a line names when it holds only a name: "2.1. Sở Tài chính", "Đề nghị
    Liên đoàn Lao động tỉnh", "1. Sở Tài chính (cơ quan chủ trì)"; else None."""
    name = _ASIDE.sub("", text.strip().rstrip(":").strip())
    if not name or _ASSIGNS.search(name) or not (is_body(name) or joins_bodies(name)):
        return None
    return name


def sentence_body(text: str, *, owns: bool = False) -> str | None:
    """The bodies a sentence opens with when it assigns a task: "Công an tỉnh chủ trì, phối
    hợp với ...", "Giao Sở Nội vụ có trách nhiệm ...", "Đề nghị Viện kiểm sát nhân dân tỉnh,
    Tòa án nhân dân tỉnh tăng cường ..."; else None. Every body the words join must be one.
    With ``owns``, only a sentence that gives the body a task of its own ("… chủ trì", "… có
    trách nhiệm"), wherever it stands in the document."""
    found = _VERB.search(text)
    if not found or found.start() == 0 or found[0].strip() in _ASKS \
            or (owns and (found[0].strip() not in _OWNS or _lower(text).startswith(_PERSONS))):
        return None
    name = text[:found.start()].strip(" ,")
    # The sentence keeps its words; the name is the body's alone ("Giao Trạm Y tế xã").
    return _REQUEST.sub("", name) if joins_bodies(name) else None


def joins_bodies(name: str) -> bool:
    """Whether every body ``name`` joins is one: "Bộ Công an, Bộ Tư pháp, ... và các cơ quan
    báo chí, phát thanh, truyền hình khác" (a list longer than one name may run)."""
    names = agency_names(name)
    return ";" not in name and name.count("(") == name.count(")") and bool(names) \
        and all(is_body(n) and len(n.split()) <= 20 for n in names)


def agency_names(agency: str) -> list[str]:
    """The bodies a name joins: "Sở Khoa học và Công nghệ, Sở Nội vụ" is two, "Sở Văn hóa,
    Thể thao và Du lịch" one: a piece after a comma or "và" starts a new body only when it
    opens with a body's word. "Đề nghị" before the first is left out, and so is the office of
    a body's head where the body acts ("Bộ trưởng Bộ Công an" is Bộ Công an, "Chủ tịch UBND
    các xã, phường" the communes' committees). A person named by office ("Cán bộ phụ trách
    ..., Văn phòng") is one name."""
    name = _REQUEST.sub("", agency.strip()).strip()
    if _lower(name).startswith(_PERSONS):
        return [name]
    pieces = re.split(r"(,\s*|;\s*|\s+và\s+)", name)
    names = [pieces[0]]
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        # "Sở, ban, ngành" and "cơ quan, đơn vị, địa phương" are one: a new body opens with
        # a capital ("Sở Nội vụ") or with "các" ("và các tổ chức chính trị - xã hội").
        opens = piece[:1].isupper() or _lower(piece).startswith(("các ", "những "))
        if opens and _KIND.match(_lower(piece)) and not _lower(piece).startswith(_NOT_BODIES):
            names.append(piece)
        else:
            names[-1] = f"{names[-1]}{sep}{piece}"
    # An office standing alone ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ …") names a person.
    return [body for n in names if n.strip()
            and not _HEADS_ALONE.fullmatch(body := _body_of_head(n.strip()))]


# Offices of a body's head; the first always stand for the body they head, the second when
# they head several ("Chủ tịch UBND các xã, phường"), not a commune chairman named in person.
_HEADS = re.compile(r"^(?:bộ trưởng|thủ trưởng|người đứng đầu)\s+(?=\S)")
_HEADS_OF_MANY = re.compile(r"^(?:chủ tịch|giám đốc)\s+(?=\S.*\bcác\b)")
_PERSONS = ("cán bộ", "chuyên viên", "đồng chí", "ông ", "bà ")
_HEADS_ALONE = re.compile(r"(?i)(?:bộ trưởng|thủ trưởng|chủ tịch|giám đốc|người đứng đầu)")


def _body_of_head(name: str) -> str:
    for office in (_HEADS, _HEADS_OF_MANY):
        found = office.match(_lower(name))
        if found and _KIND.match(_lower(name[found.end():])):
            return name[found.end():]
    return name
