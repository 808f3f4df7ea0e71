"""Problems in a Markdown campaign file: FILE:LINE:COL in that file, and what to write."""

from __future__ import annotations

from conftest import Project

F = "campaigns/cchc-ha-noi-2021.md"


def _problems(project: Project) -> list[str]:
    result = project.run("validate")
    assert result.code == 2, result.out
    *problems, summary = result.err.strip().splitlines()
    assert summary.endswith("chưa ghi gì. Sửa các lỗi trên rồi chạy lại.")
    return problems


def test_a_bad_colour_in_the_front_matter_is_placed_and_explained(project: Project) -> None:
    project.edit("theme:\n", "posters:\n  palette:\n    background: xanh\ntheme:\n")
    assert _problems(project) == [
        f"{F}:{project.line('background: xanh')}:17: 'background' phải là mã màu dạng "
        "\"#RRGGBB\" trong dấu ngoặc kép, ví dụ \"#1565C0\"; đang là văn bản 'xanh'"]


def test_a_slogan_too_long_in_the_body_points_at_its_line(project: Project) -> None:
    project.edit("3. Tích cực tham gia", "3. " + "rất " * 80 + "tích cực tham gia")
    line = project.line("3. rất rất")
    assert _problems(project) == [f"{F}:{line}:4: 'text' dài quá 300 ký tự; hãy rút gọn; "
                                  "đang là văn bản 'rất rất rất rất rất rất rất rất rất r...'"]


def test_slogans_in_both_places_are_one_problem(project: Project) -> None:
    project.edit("theme:\n", "slogans:\n  - Một khẩu hiệu\ntheme:\n")
    [problem] = _problems(project)
    assert problem == (f"{F}:{project.line('slogans:')}:1: 'slogans' có cả ở phần đầu và trong "
                       f"thân văn bản (dòng {project.line('1. Kỷ cương, trách nhiệm')}); hãy giữ "
                       "một chỗ")


def test_a_colon_in_a_slogan_is_just_text(project: Project) -> None:
    project.edit("3. Tích cực tham gia",
                 "3. Dịch vụ công trực tuyến: nhanh chóng, tích cực tham gia")
    result = project.run("validate")
    assert result.code == 0, result.err


def test_an_unknown_footnote_mark_names_the_known_ones(project: Project) -> None:
    project.edit("6 nội dung trọng tâm của CCHC.[^1]", "6 nội dung trọng tâm của CCHC.[^9]")
    [problem] = _problems(project)
    line = project.line("CCHC.[^9]")
    assert problem.startswith(f"{F}:{line}:4: '9' không có trong footnotes")
    assert problem.endswith("Các mã có trong footnotes: 1")


def test_a_draft_key_is_known(project: Project) -> None:
    project.edit("place: Hà Nội\n", "place: Hà Nội\ndraft: true\n")
    result = project.run("validate")
    assert result.code == 0, result.err
