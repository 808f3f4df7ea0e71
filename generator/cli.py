"""The ``campaign`` command: validate, build, serve, export, schema."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.errors import Problem, UserError
from generator.inputs import CACHE_DIR, INPUTS_STAMP, campaigns_key, inputs_digest
from generator.output import check_replaceable, staged

# Each command imports the rest of the generator when it runs: `campaign build` with nothing
# changed answers without loading the campaign model, MkDocs or Pillow.

EXIT_USER_ERROR = 2
EXIT_BUILD_FAILED = 1
SCHEMA_PATH = Path("schema/campaign.schema.json")


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = _parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s",
                        level=logging.WARNING if args.quiet else logging.INFO)
    try:
        return int(args.run(args))
    except UserError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} lỗi; chưa ghi gì. Sửa các lỗi trên rồi chạy lại.",
              file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="campaign",
        description="Tạo trang web, khẩu hiệu và áp phích từ tệp chiến dịch (YAML).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="tệp cấu hình trang web (mặc định: mkdocs.yml)")
    parser.add_argument("-q", "--quiet", action="store_true", help="chỉ báo cảnh báo và lỗi")
    commands = parser.add_subparsers(required=True, metavar="LỆNH")

    validate = commands.add_parser("validate", help="kiểm tra tệp chiến dịch")
    validate.add_argument("files", nargs="*", type=Path, metavar="TỆP",
                          help="tệp cần kiểm tra (mặc định: mọi tệp trong campaigns/)")
    validate.set_defaults(run=_validate)

    build = commands.add_parser("build", help="tạo toàn bộ trang web vào site/")
    build.add_argument("--no-strict", dest="strict", action="store_false",
                       help="không dừng khi MkDocs cảnh báo")
    build.add_argument("--force", action="store_true",
                       help="tạo lại cả khi không có gì thay đổi")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="xem trước, tự tải lại khi sửa tệp")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG")
    serve.set_defaults(run=_serve)

    export = commands.add_parser("export", help="ghi cây trang đầy đủ ra thư mục (cho Zensical)")
    export.add_argument("out", type=Path, metavar="THƯ_MỤC")
    export.set_defaults(run=_export)

    posters = commands.add_parser("posters", help="vẽ áp phích của một chiến dịch vào thư mục")
    posters.add_argument("file", type=Path, metavar="TỆP.yml")
    posters.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC")
    posters.add_argument("--site-url", help="địa chỉ trang web cho mã QR (mặc định: site_url "
                                            "trong mkdocs.yml)")
    posters.set_defaults(run=_posters)

    schema = commands.add_parser("schema", help="ghi JSON Schema của định dạng chiến dịch")
    schema.add_argument("--check", action="store_true",
                        help="chỉ kiểm tra tệp schema có khớp mã nguồn không")
    schema.set_defaults(run=_schema)
    return parser


def _root(args: argparse.Namespace) -> Path:
    config: Path = args.config_file
    if not config.is_file():
        raise UserError([Problem(config, 1, 1, "không thấy tệp cấu hình trang web; hãy chạy "
                                               "lệnh trong thư mục dự án hoặc chỉ rõ bằng -f")])
    return config.resolve().parent


def _validate(args: argparse.Namespace) -> int:
    from generator.project import campaign_files
    from generator.validate import load_campaigns

    files = args.files or campaign_files(_root(args) / "campaigns")
    campaigns = load_campaigns(files)
    print(f"{len(campaigns)} tệp chiến dịch hợp lệ.")
    return 0


def _build(args: argparse.Namespace) -> int:
    root = _root(args)
    site = root / "site"
    option = f"strict={args.strict}"
    if not args.force and (site / INPUTS_STAMP).is_file() and \
            (site / INPUTS_STAMP).read_text(encoding="utf-8") == inputs_digest(root, option):
        check_replaceable(site)
        print(f"Không có gì thay đổi từ lần tạo trước: {site} vẫn mới nhất.")
        return 0

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.generated import known_valid
    from generator.project import load_project
    from generator.site import CampaignPlugin

    # Taken before the campaigns are read: an edit made while building is seen next time.
    key = campaigns_key(root / "campaigns", root / CACHE_DIR)
    campaigns = (None if known_valid(root / CACHE_DIR, key)
                 else load_project(root / "campaigns", root / CACHE_DIR))
    # After validation, which records the fonts and logos the campaigns name.
    digest = inputs_digest(root, option)
    with staged(site) as staging:
        config = load_config(config_file=str(args.config_file), site_dir=str(staging),
                             strict=args.strict)
        plugin = config.plugins.get("campaign")
        if isinstance(plugin, CampaignPlugin):
            plugin.use_validated(campaigns, key)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
            (staging / INPUTS_STAMP).write_text(digest, encoding="utf-8")
        except MkDocsException as exc:
            print(f"xây dựng trang web thất bại: {exc}; site/ giữ nguyên bản cũ.",
                  file=sys.stderr)
            return EXIT_BUILD_FAILED
        finally:
            config.plugins.on_shutdown()
    print(f"Đã tạo trang web trong {root / 'site'}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from generator.project import load_project

    root = _root(args)
    load_project(root / "campaigns")
    serve(config_file=str(args.config_file), dev_addr=args.dev_addr, livereload=True)
    return 0


def _export(args: argparse.Namespace) -> int:
    from generator.export import export_tree

    count = export_tree(_root(args), args.out.resolve())
    print(f"Đã ghi cây trang vào {args.out}: {count} trang tự sinh cùng các trang viết tay.")
    return 0


def _posters(args: argparse.Namespace) -> int:
    """One campaign's posters into a folder of their own, without building the site."""
    from generator.posters.build import publish
    from generator.posters.plan import plan_posters
    from generator.project import read_site_url
    from generator.validate import load_campaigns

    [campaign] = load_campaigns([args.file])
    check_replaceable(args.out.resolve())  # before minutes of drawing, not after
    site_url = args.site_url or read_site_url(args.config_file)
    if site_url is None:
        logging.warning("không có site_url: áp phích sẽ không có mã QR")
    jobs = plan_posters(campaign, args.file.resolve().parent, site_url)
    config: Path = args.config_file
    root = config.resolve().parent if config.is_file() else Path.cwd()
    cache = root / ".cache" / "posters" / campaign.id
    published = publish(jobs, cache, campaign.id)
    with staged(args.out.resolve()) as staging:
        for name, source in published.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    print(f"Đã ghi {len(jobs)} áp phích vào {args.out}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import campaign_schema

    target = _root(args) / SCHEMA_PATH
    text = json.dumps(campaign_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{SCHEMA_PATH} đã cũ; chạy 'campaign schema' để cập nhật.", file=sys.stderr)
            return EXIT_BUILD_FAILED
        print(f"{SCHEMA_PATH} khớp với định dạng hiện tại.")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Đã ghi {SCHEMA_PATH}")
    return 0
