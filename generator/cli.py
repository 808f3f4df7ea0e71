"""The ``campaign`` command line: arguments in, a typed command called, an exit status out.

Exit statuses: 0 done; 1 the machine stopped the work (disk full, no permission) or MkDocs
failed; 2 the input needs correcting; 130 and 143 stopped by Ctrl-C or SIGTERM. Every
failure is said in Vietnamese, one line per problem, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from generator import __version__
from generator.errors import EnvironmentProblem, UserError
from generator.terminal import build_failure, configure

# Each command imports the rest of the generator when it runs: `campaign build` with nothing
# changed answers without loading the campaign model, MkDocs or Pillow.

EXIT_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that every ``finally`` runs: staging folders
    are removed, workers stopped, the published output left as it was. A BaseException, so
    that no library's ``except Exception`` swallows it."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = _parser().parse_args(argv)
    configure(quiet=args.quiet, verbose=args.verbose)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args)
    finally:
        if "generator.posters.batch" in sys.modules:
            from generator.posters.batch import stop_workers

            stop_workers()


def _run(args: argparse.Namespace) -> int:
    from generator.pipeline import commands

    if getattr(args, "dask", None):
        from generator.posters.cluster import ADDRESS_VARIABLE

        # The variable Dask itself reads: the plugin, which runs inside MkDocs, sees it too.
        os.environ[ADDRESS_VARIABLE] = args.dask
    if getattr(args, "dask_timeout", None):
        from generator.posters.cluster import TIMEOUT_VARIABLE

        os.environ[TIMEOUT_VARIABLE] = str(args.dask_timeout)

    try:
        return int(args.run(args, commands))
    except UserError as exc:
        print(exc, file=sys.stderr)
        print(exc.after or f"{len(exc.problems)} lỗi; chưa ghi gì. Sửa các lỗi trên rồi chạy lại.",
              file=sys.stderr)
        return EXIT_USER_ERROR
    except commands.BuildFailed as exc:
        print(f"Xây dựng trang web thất bại: {build_failure(str(exc))}; trang web đã xuất "
              "bản giữ nguyên bản cũ.", file=sys.stderr)
        return EXIT_FAILED
    except EnvironmentProblem as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(EnvironmentProblem.from_os_error(exc), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu (Ctrl-C); trang web đã xuất bản giữ nguyên.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("Đã dừng theo tín hiệu SIGTERM; trang web đã xuất bản giữ nguyên.",
              file=sys.stderr)
        return EXIT_TERMINATED


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Once is enough: a second SIGTERM while cleaning up must not cut the cleanup short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


# argparse words its own texts (usage, section titles, errors) through gettext, which has no
# Vietnamese catalogue here: these are the ones a user of this command line can meet.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "show this help message and exit": "xem hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu đối số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu đối số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn %(option)s không rõ: có thể là %(matches)s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "not allowed with argument %s": "không dùng cùng với %s",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
}
setattr(argparse, "_", lambda text: _ARGPARSE_VI.get(text, text))  # noqa: B010


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="campaign",
        description=(
            "Tạo trang web, áp phích, tờ rơi, sổ tay và gói in từ tệp chiến dịch: văn bản "
            "Markdown (campaigns/<mã>.md, chép nguyên văn bản kèm vài dòng YAML ở đầu); dạng "
            "YAML (.yml) cũng đọc được."),
        epilog="Ví dụ: campaign import ke-hoach.docx, rồi campaign build. Hướng dẫn: "
               "docs/huong-dan/viet-chien-dich.md hoặc mục «Hướng dẫn» trong campaign studio.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="xem phiên bản rồi thoát")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        metavar="TỆP_CẤU_HÌNH",
                        help="tệp cấu hình trang web (mặc định: mkdocs.yml)")
    parser.add_argument("-q", "--quiet", action="store_true", help="chỉ báo cảnh báo và lỗi")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="báo thêm số đo cho người phát triển (thời gian, dung lượng)")
    commands = parser.add_subparsers(required=True, metavar="LỆNH")

    validate = commands.add_parser("validate", help="kiểm tra tệp chiến dịch")
    validate.add_argument("files", nargs="*", type=Path, metavar="TỆP",
                          help="tệp chiến dịch cần kiểm tra, .md hoặc .yml (mặc định: mọi tệp "
                               "trong thư mục campaigns/)")
    validate.set_defaults(run=lambda a, c: _say(c.validate(a.config_file, a.files)))

    build = commands.add_parser("build", help="tạo toàn bộ trang web (mặc định vào site/)")
    build.add_argument("--strict", dest="strict", action="store_true", default=True,
                       help="dừng khi MkDocs cảnh báo (mặc định)")
    build.add_argument("--no-strict", dest="strict", action="store_false",
                       help="không dừng khi MkDocs cảnh báo")
    build.add_argument("--force", action="store_true",
                       help="tạo lại cả khi không có gì thay đổi")
    build.add_argument("--out", type=Path, metavar="THƯ_MỤC", help=(
        "tạo trang web vào thư mục này thay cho site_dir của mkdocs.yml (ví dụ để xem "
        "trước khi xuất bản)"))
    _dask_option(build)
    build.set_defaults(run=lambda a, c: _say(c.build(a.config_file, strict=a.strict,
                                                     force=a.force, out=a.out)))

    serve = commands.add_parser("serve", help="xem trước, tự tải lại khi sửa tệp")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                       help="địa chỉ và cổng xem trước (mặc định 127.0.0.1:8000)")
    serve.set_defaults(run=lambda a, c: _say(c.serve(a.config_file, a.dev_addr)))

    studio = commands.add_parser(
        "studio", help="mở studio trong trình duyệt: nhập, kiểm tra, sửa và xuất bản chiến dịch")
    studio.add_argument("--port", type=int, default=8765, metavar="CỔNG",
                        help="cổng trên 127.0.0.1 (mặc định 8765; bận thì chọn cổng khác)")
    studio.add_argument("--no-browser", action="store_true",
                        help="không tự mở trình duyệt (ví dụ khi chạy trên máy chủ)")
    studio.set_defaults(run=_studio)

    export = commands.add_parser("export", help="ghi cây trang đầy đủ ra thư mục (cho Zensical)")
    export.add_argument("out", type=Path, metavar="THƯ_MỤC",
                        help="thư mục mới để ghi cây trang (không ghi đè thư mục người tạo)")
    _dask_option(export)
    export.set_defaults(run=lambda a, c: _say(c.export(a.config_file, a.out)))

    index = commands.add_parser(
        "index", help="lập chỉ mục tìm kiếm cho trang web đã tạo bằng công cụ khác (Zensical)")
    index.add_argument("site", type=Path, metavar="THƯ_MỤC_TRANG",
                       help="thư mục trang web đã tạo, ví dụ site")
    index.set_defaults(run=lambda a, c: _say(c.index(a.site)))

    posters = commands.add_parser("posters", help="vẽ áp phích của một chiến dịch vào thư mục")
    posters.add_argument("file", type=Path, metavar="TỆP",
                         help="tệp chiến dịch, ví dụ campaigns/cchc-ha-noi-2021.md")
    posters.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC",
                         help="thư mục ghi áp phích, bảng kê và gói in")
    posters.add_argument("--site-url", metavar="ĐỊA_CHỈ",
                         help="địa chỉ trang web cho mã QR (mặc định: site_url trong mkdocs.yml)")
    _dask_option(posters)
    posters.set_defaults(run=lambda a, c: _say(c.posters(a.config_file, a.file, a.out,
                                                         a.site_url)))

    convert = commands.add_parser(
        "convert", help="viết tệp chiến dịch sang dạng kia: Markdown (.md) ⇄ YAML (.yml)")
    convert.add_argument("file", type=Path, metavar="TỆP",
                         help="tệp chiến dịch cần viết sang dạng kia (.md hoặc .yml)")
    convert.add_argument("--out", type=Path, metavar="TỆP_MỚI",
                         help="tên tệp mới (mặc định: cùng tên, đổi đuôi .md ⇄ .yml)")
    convert.set_defaults(run=lambda a, c: _say(c.convert(a.file, a.out)))

    imported = commands.add_parser(
        "import", help="chép văn bản Word, PDF, trang web hoặc văn bản thường thành chiến dịch")
    imported.add_argument("file", type=Path, metavar="TỆP",
                          help="văn bản nhận được: Word (.docx), PDF có lớp chữ, trang web "
                               "(.html) hoặc văn bản thường (.txt)")
    imported.add_argument("--id", dest="campaign_id", metavar="MÃ",
                          help="mã chiến dịch (mặc định: theo loại, số và năm, ví dụ "
                               "kh-159-ubnd-2025)")
    imported.set_defaults(run=lambda a, c: _say(c.import_document(a.config_file, a.file,
                                                                  a.campaign_id)))

    _report_commands(commands)

    schema = commands.add_parser("schema", help="ghi JSON Schema của định dạng chiến dịch")
    schema.add_argument("--check", action="store_true",
                        help="chỉ kiểm tra tệp schema có khớp mã nguồn không")
    schema.set_defaults(run=_schema)
    return parser


def _report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="báo cáo của các đơn vị: biểu mẫu, thu thập, dự thảo báo cáo")
    steps = report.add_subparsers(required=True, metavar="VIỆC")

    templates = steps.add_parser(
        "templates", help="ghi biểu mẫu báo cáo (.xlsx) cho từng đơn vị và kỳ báo cáo")
    templates.add_argument("campaign", nargs="?", metavar="CHIẾN_DỊCH",
                           help="mã chiến dịch (mặc định: mọi chiến dịch)")
    templates.add_argument("--period", metavar="KỲ", help=(
        "kỳ báo cáo, ví dụ 2026-q1, 2026-6t1, 2026-nam (mặc định: mọi kỳ theo chế độ báo cáo "
        "của văn bản)"))
    templates.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC",
                           help="thư mục ghi các biểu mẫu (không ghi đè tệp đã có)")
    templates.set_defaults(run=lambda a, c: _say(c.report_templates(
        a.config_file, a.campaign, a.period, a.out)))

    collect = steps.add_parser(
        "collect", help="đọc các biểu mẫu đơn vị gửi về, kiểm tra và ghi vào thư mục reports/")
    collect.add_argument("paths", nargs="+", type=Path, metavar="TỆP_HOẶC_THƯ_MỤC",
                         help="biểu mẫu đơn vị gửi về (.xlsx hoặc .csv), hoặc thư mục chứa chúng")
    collect.add_argument("--campaign", metavar="CHIẾN_DỊCH",
                         help="chỉ nhận báo cáo của chiến dịch này")
    collect.add_argument("--period", metavar="KỲ", help="chỉ nhận báo cáo của kỳ này")
    collect.set_defaults(run=lambda a, c: _say(c.report_collect(
        a.config_file, a.paths, a.campaign, a.period)))

    draft = steps.add_parser(
        "draft", help="dự thảo báo cáo tổng hợp (.docx), bảng tổng hợp (.xlsx) và lời nhắc "
                      "đơn vị chưa nộp")
    draft.add_argument("campaign", metavar="CHIẾN_DỊCH", help="mã chiến dịch")
    draft.add_argument("--period", required=True, metavar="KỲ",
                       help="kỳ báo cáo, ví dụ 2026-q1, 2026-6t1, 2026-nam")
    draft.add_argument("--out", type=Path, default=Path("bao-cao"), metavar="THƯ_MỤC",
                       help="thư mục ghi các tệp (mặc định: bao-cao)")
    draft.set_defaults(run=lambda a, c: _say(c.report_draft(
        a.config_file, a.campaign, a.period, a.out)))


def _dask_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--dask", metavar="ĐỊA_CHỈ", help=(
        "vẽ áp phích trên cụm Dask có sẵn, ví dụ tcp://10.0.0.5:8786 (cần pip install -e "
        "'.[dask]'); mặc định: biến DASK_SCHEDULER_ADDRESS, nếu không có thì vẽ trên máy này"))
    command.add_argument("--dask-timeout", type=_seconds, metavar="GIÂY", help=(
        "thời gian tối đa cho một áp phích A1 trên cụm Dask (áp phích lớn hơn được thêm theo "
        "số điểm ảnh); quá thời gian thì dừng và báo, mặc định 300"))


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số giây từ 1 đến 86400")
    return value


def _say(message: str) -> int:
    print(message)
    return 0


def _studio(args: argparse.Namespace, commands: object) -> int:
    try:
        from generator.studio.server import run_studio
    except ImportError as exc:  # Starlette, uvicorn: the studio's extra
        raise EnvironmentProblem(exc.name or "starlette", (
            "chưa cài phần studio; hãy chạy .venv/bin/pip install -e '.[studio]'")) from None
    return _say(run_studio(args.config_file, args.port, open_browser=not args.no_browser))


def _schema(args: argparse.Namespace, commands: object) -> int:
    from generator.pipeline.commands import schema

    current, message = schema(args.config_file, check=args.check)
    print(message, file=sys.stdout if current else sys.stderr)
    return 0 if current else EXIT_FAILED
