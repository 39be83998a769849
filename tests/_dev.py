"""Questions for the reliability and security tests: the shared dev set when it is there
(next to the main checkout, or two levels up from a worktree), else officer-style ones."""

from __future__ import annotations

import json

from kehoach.core.settings import PROJECT_ROOT

__all__ = ["DEV_CANDIDATES", "QUESTIONS", "dev_questions"]

DEV_CANDIDATES = (PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl",
                  PROJECT_ROOT.parent.parent / "shared" / "eval" / "dev.jsonl")
# Officer-style questions that do not depend on the dev set being present.
QUESTIONS = [
    "Chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế của xã Nguyễn Lương Bằng là bao nhiêu?",
    "Phường Thạch Khôi đặt chỉ tiêu bao nhiêu phần trăm dân số tham gia bảo hiểm y tế?",
    "Chỉ tiêu gia đình văn hóa của phường Kiến An?",
    "Chỉ tiêu nước sạch của phường Kiến An?",
    "Ai ký kế hoạch của xã Cẩm Giang?",
    "Hạn gửi báo cáo tổng kết đợt thi đua của xã Nguyễn Lương Bằng là khi nào?",
    "Chỉ tiêu tiêm chủng của xã Cẩm Giang?",
    "Xã Nguyễn Lương Bằng có chỉ tiêu về điện hạt nhân không?",
]


def dev_questions() -> list[str]:
    for path in DEV_CANDIDATES:
        if path.is_file():
            return [json.loads(line)["question"] for line in
                    path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(QUESTIONS)
