"""``frontdesk-admin print-test``, ``reprint`` and ``verify-receipt``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.config import Config, default_path
from frontdesk.errors import ValidationError

VERIFY_VOIDED_EXIT = 3


def register(sub: Any) -> None:
    test = sub.add_parser(
        "print-test",
        help="print a test page on the configured receipt printer",
        description="Send a test page (Chinese text, columns, QR code, cut) to the printer "
        "named in [printer] of the settings, and say whether it was accepted.",
    )
    test.set_defaults(handler=_print_test)

    reprint = sub.add_parser(
        "reprint",
        help="reprint a receipt as a copy (重打 / COPY), on the printer or as PDF",
        description="Print a copy of an issued receipt, marked 「重打 / COPY」 with the copy "
        "number, who and when; the reprint is recorded in the audit log. With --pdf, write an "
        "A5 PDF copy instead of printing.",
    )
    reprint.add_argument("receipt_no", metavar="RECEIPT_NO", help="e.g. A2026-000123")
    reprint.add_argument("--pdf", metavar="FILE", type=Path, help="write an A5 PDF copy here")
    reprint.add_argument(
        "--desk", metavar="NAME", help="whose print queue (default: [app] desk of the settings)"
    )
    reprint.add_argument(
        "--queue",
        action="store_true",
        help="only queue the copy; the desk's running frontdesk program prints it",
    )
    reprint.set_defaults(handler=_reprint)

    verify = sub.add_parser(
        "verify-receipt",
        help="check a receipt's verification code (the text of its QR code)",
        description="Say whether a verification code like FD1:A2026-000123:22400:XXXXXXXXXX "
        "was issued by this installation, and show the payment. Exit code 0: genuine and "
        f"valid; {VERIFY_VOIDED_EXIT}: genuine but the payment was voided or refunded; "
        "1: not issued by this system.",
    )
    verify.add_argument("code", metavar="CODE")
    verify.set_defaults(handler=_verify)


def _printer_configured(config: Config) -> None:
    if config.printer.connection == "none":
        raise ValidationError(
            '没有配置小票打印机（设置文件 [printer] connection = "none"）。'
            "请先在设置中选择打印机连接方式；需要纸质副本时可用 reprint --pdf 文件名。"
        )


def _print_test(args: argparse.Namespace) -> int:
    from frontdesk.printing import connections, templates, thermal

    config = config_from(args)
    _printer_configured(config)
    template, warnings = templates.load_template(config.printer, default_path().parent)
    for warning in warnings:
        print(f"frontdesk-admin: 注意：{warning}", file=sys.stderr)
    where = connections.describe_connection(config.printer)
    connections.send(config.printer, thermal.test_page_bytes(config.printer, template))
    print(f"测试页已发送到{where}。")
    return 0


def _pdf_target(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"PDF 副本的文件名应以 .pdf 结尾（收到“{path.name}”）。")
    if not path.absolute().parent.is_dir():
        raise ValidationError(f"目录不存在：{path.absolute().parent}")
    return path


def _reprint(args: argparse.Namespace) -> int:
    from frontdesk.services import print_jobs
    from frontdesk.services.users import SYSTEM

    config = config_from(args)
    desk = (args.desk or config.app.desk).strip()
    pdf = _pdf_target(args.pdf) if args.pdf is not None else None
    if pdf is None:
        _printer_configured(config)
    db = open_ready_database(config)
    try:
        if pdf is not None:
            return _reprint_pdf(db, args.receipt_no, desk, pdf)
        job = print_jobs.request_reprint(db, SYSTEM, args.receipt_no, desk=desk)
        copy = f"票据 {job.receipt_no} 第 {job.copy_no} 次重打"
        if args.queue:
            print(f"已记录{copy}，已加入 {desk} 的打印队列，由该前台的 frontdesk 程序打印。")
            return 0
        return _print_queued(db, config, job.id, desk, copy)
    finally:
        db.dispose()


def _print_queued(db: Any, config: Config, job_id: int, desk: str, copy: str) -> int:
    from frontdesk.printing import connections
    from frontdesk.printing.spool import print_now

    try:
        printed = print_now(db, config, job_id, desk=desk)
    except connections.PrinterError as exc:
        print(
            f"frontdesk-admin: 已记录{copy}并加入 {desk} 的打印队列，但现在打印失败：{exc}"
            "（前台的 frontdesk 程序运行时会自动重试）",
            file=sys.stderr,
        )
        return 1
    if not printed:
        print(f"已记录{copy}；该副本已由 {desk} 的 frontdesk 程序打印。")
        return 0
    print(f"已打印{copy}（{connections.describe_connection(config.printer)}）。")
    return 0


def _reprint_pdf(db: Any, receipt_no: str, desk: str, path: Path) -> int:
    from frontdesk.printing.pdf import a5_template, receipt_pdf
    from frontdesk.services import print_jobs
    from frontdesk.services.users import SYSTEM

    template = a5_template()

    def write(copy: print_jobs.ReprintCopy) -> None:
        receipt_pdf(
            copy.receipt,
            path,
            copy_no=copy.copy_no,
            verification_code=copy.verification_code,
            reprinted_by=copy.reprinted_by,
            reprinted_at=copy.reprinted_at,
            template=template,
        )

    job = print_jobs.request_reprint(db, SYSTEM, receipt_no, desk=desk, deliver=write)
    print(f"已写入票据 {job.receipt_no} 的 PDF 副本（第 {job.copy_no} 次重打）：{path.resolve()}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from frontdesk.services.verification import verify_code

    db = open_ready_database(config_from(args))
    try:
        result = verify_code(db, args.code)
    finally:
        db.dispose()
    if not result.genuine:
        raise ValidationError(result.message)
    print(result.message)
    if result.receipt is not None:
        print()
        for line in result.receipt.text_lines(48):
            print(line)
    return 0 if result.valid else VERIFY_VOIDED_EXIT
