"""Receipt copies for a screen that shows issued receipts: Reprint and PDF receipt.

``ReceiptCopies`` makes two buttons for its host screen (the payments screen,
F4; the cashier's receipt view may use it too) and does their work:

* ``reprintButton``: a copy marked 「重打 / COPY」 with its number, who and when
  (``print_jobs.request_reprint``, audited). With a receipt printer the copy
  is queued for the desk's spool, which is woken at once; without one
  (``connection = "none"``) the copy is saved as an A5 PDF where the user
  chooses.
* ``pdfReceiptButton``: the receipt as an A5 PDF with its verification QR
  code, e.g. for an owner who paid by bank transfer and wants it delivered
  (``print_jobs.deliver_receipt``, audited): the original if the receipt has
  not been issued yet (a desk without a printer), else a marked copy.

The host tells it which receipt is chosen (``set_receipt``) and how to show a
message; the database and PDF work runs on the database worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from frontdesk.services.actors import Actor
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.messages import error_text
from frontdesk.ui.printer.control import kick

if TYPE_CHECKING:
    from frontdesk.services.print_jobs import JobInfo, ReprintCopy
    from frontdesk.storage.database import Database

log = logging.getLogger(__name__)

ShowMessage = Callable[..., None]  # (text, *, error: bool = True)


def reprint_to_printer(db: Database, actor: Actor, receipt_no: str, desk: str) -> JobInfo:
    """Queue a copy of ``receipt_no`` for ``desk``'s printer (audited)."""
    from frontdesk.services import print_jobs

    return print_jobs.request_reprint(db, actor, receipt_no, desk=desk)


def _pdf_writer(path: Path) -> Callable[[ReprintCopy], None]:
    from frontdesk.printing.pdf import a5_template, receipt_pdf

    template = a5_template()

    def write(copy: ReprintCopy) -> None:
        receipt_pdf(
            copy.receipt,
            path,
            copy_no=copy.copy_no,
            verification_code=copy.verification_code,
            reprinted_by=copy.reprinted_by,
            reprinted_at=copy.reprinted_at,
            template=template,
        )

    return write


def reprint_to_pdf(db: Database, actor: Actor, receipt_no: str, desk: str, path: Path) -> JobInfo:
    """Write a copy of ``receipt_no`` as an A5 PDF at ``path`` (audited; nothing recorded if it fails)."""
    from frontdesk.services import print_jobs

    return print_jobs.request_reprint(db, actor, receipt_no, desk=desk, deliver=_pdf_writer(path))


def receipt_to_pdf(db: Database, actor: Actor, receipt_no: str, desk: str, path: Path) -> JobInfo:
    """The receipt as an A5 PDF at ``path``, with its verification code (audited).

    The original if the receipt has not been issued yet (no printer), else a copy.
    """
    from frontdesk.services import print_jobs

    return print_jobs.deliver_receipt(db, actor, receipt_no, desk=desk, deliver=_pdf_writer(path))


class ReceiptCopies(QObject):
    """The Reprint and PDF receipt buttons of a screen; see the module docstring."""

    def __init__(self, ctx: ScreenContext, host: QWidget, show_message: ShowMessage) -> None:
        super().__init__(host)
        self.setObjectName("receiptCopies")
        self.ctx = ctx
        self.host = host
        self.show_message = show_message
        self.receipt_no = ""
        self.status = ""
        self.busy = False
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )

        self.reprint_button = QPushButton(self.tr("&Reprint copy"), host)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.setAutoDefault(True)
        self.reprint_button.clicked.connect(self.reprint)
        self.pdf_button = QPushButton(self.tr("PDF rece&ipt…"), host)
        self.pdf_button.setObjectName("pdfReceiptButton")
        self.pdf_button.setAutoDefault(True)
        self.pdf_button.setToolTip(
            self.tr("Save the receipt as an A5 PDF, e.g. for an owner who paid by bank transfer")
        )
        self.pdf_button.clicked.connect(self.save_pdf)
        self._update()

    @property
    def has_printer(self) -> bool:
        return self.ctx.config.printer.connection != "none"

    def set_receipt(self, receipt_no: str | None, status: str = "completed") -> None:
        """The receipt the buttons work on (None: nothing chosen, both disabled)."""
        self.receipt_no = receipt_no or ""
        self.status = status
        self._update()

    def _update(self) -> None:
        chosen = bool(self.receipt_no) and not self.busy
        self.reprint_button.setEnabled(chosen)
        self.pdf_button.setEnabled(chosen and self.status == "completed")
        if self.has_printer:
            self.reprint_button.setText(self.tr("&Reprint copy"))
            self.reprint_button.setToolTip(
                self.tr("Print a copy marked 重打 / COPY on the desk's receipt printer")
            )
        else:
            self.reprint_button.setText(self.tr("&Reprint copy (PDF)…"))
            self.reprint_button.setToolTip(
                self.tr("No receipt printer: save a copy marked 重打 / COPY as an A5 PDF")
            )

    # -- actions ------------------------------------------------------------

    def reprint(self) -> None:
        """A copy of the chosen receipt: to the printer, or as a PDF without one."""
        receipt_no = self.receipt_no
        if not receipt_no or self.busy:
            return
        ctx = self.ctx
        if self.has_printer:
            self._run(
                reprint_to_printer,
                ctx.db,
                ctx.actor,
                receipt_no,
                ctx.config.app.desk,
                done=self._queued,
            )
            return
        path = self._ask_path(
            self.tr("Save a copy of receipt {receipt}").format(receipt=receipt_no),
            f"{receipt_no}-copy.pdf",
        )
        if path is not None:
            self._run(
                reprint_to_pdf,
                ctx.db,
                ctx.actor,
                receipt_no,
                ctx.config.app.desk,
                path,
                done=self._pdf_copy(path),
            )

    def save_pdf(self) -> None:
        """The chosen receipt as an A5 PDF (the original if not issued yet, else a copy)."""
        receipt_no = self.receipt_no
        if not receipt_no or self.busy or self.status != "completed":
            return
        path = self._ask_path(
            self.tr("Save receipt {receipt} as PDF").format(receipt=receipt_no), f"{receipt_no}.pdf"
        )
        if path is not None:
            ctx = self.ctx
            desk = ctx.config.app.desk
            self._run(
                receipt_to_pdf, ctx.db, ctx.actor, receipt_no, desk, path, done=self._pdf_copy(path)
            )

    def _ask_path(self, title: str, name: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.host, title, str(Path(self._folder) / name), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._folder = str(path.parent)
        return path

    def _run(
        self, fn: Callable[..., JobInfo], *args: object, done: Callable[[JobInfo], None]
    ) -> None:
        self.busy = True
        self._update()
        self.ctx.tasks.submit(fn, *args, on_done=done, on_error=self._failed)

    def _finish(self) -> bool:
        if not shiboken6.isValid(self):
            return False
        self.busy = False
        self._update()
        return True

    def _queued(self, job: JobInfo) -> None:
        if not self._finish():
            return
        kick(self.ctx.app)
        self.show_message(
            self.tr("Copy {copy} of receipt {receipt} is being printed.").format(
                copy=job.copy_no, receipt=job.receipt_no
            ),
            error=False,
        )

    def _pdf_copy(self, path: Path) -> Callable[[JobInfo], None]:
        def done(job: JobInfo) -> None:
            if not self._finish():
                return
            if job.copy_no:
                text = self.tr("Copy {copy} of receipt {receipt} saved as {path}.")
            else:
                text = self.tr("Receipt {receipt} saved as {path}.")
            self.show_message(
                text.format(copy=job.copy_no, receipt=job.receipt_no, path=path), error=False
            )

        return done

    def _failed(self, error: BaseException) -> None:
        if not self._finish():
            return
        unexpected = self.tr("Unexpected error: {error}. See the log file for details.")
        self.show_message(error_text(error, unexpected, log, "receipt copy failed"))
