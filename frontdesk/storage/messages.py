"""User messages for database failures, without SQLAlchemy (the start-up pre-flight uses them)."""

from __future__ import annotations


def describe_db_error(exc: BaseException) -> str | None:
    """A user message for errors that mean "this database can't be used", else None."""
    text_ = str(getattr(exc, "orig", exc)).lower()
    if "file is not a database" in text_ or "file is encrypted" in text_:
        return "数据库文件已损坏或不是 frontdesk 数据库。(The file is not a database.)"
    if "readonly" in text_ or "read-only" in text_:
        return "数据库文件是只读的，无法保存。请检查文件权限。(The database file is read-only.)"
    if "database is locked" in text_ or "database is busy" in text_:
        return "数据库正被另一个程序占用，请稍后再试。(The database is locked by another process.)"
    if "unable to open database" in text_:
        return "无法打开数据库文件，请检查路径和权限。(Cannot open the database file.)"
    if (
        "connection refused" in text_
        or "could not connect" in text_
        or "connection failed" in text_
    ):
        return "无法连接数据库服务器。(Cannot connect to the database server.)"
    return None
