"""The generation prompt: read from ``prompts/``, with plan passages fenced as data.

Plan text is untrusted: a plan (or an uploaded file) may contain "bỏ qua các hướng dẫn
trên...". Each passage goes inside its own ``<nguon id="n">`` block, with every angle
bracket in the passage replaced, so no passage can close its block or open another; the
prompt's rules say text inside a block is never an instruction. The grounding guard
still checks whatever the model writes.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate

from kehoach.answer.sources import Source
from kehoach.core.errors import ConfigError

__all__ = ["PromptParts", "load_prompt", "chat_prompt", "fence", "render_sources",
           "SYSTEM_ROLES"]

SYSTEM_ROLES = ("system", "user")
_PLACEHOLDERS = {"sources", "question"}
_SECTION_RE = re.compile(r"^\[(system|user)\]\s*$")
_COMMENT = "#"
# Angle brackets inside data become look-alikes that cannot form a tag.
_NEUTRAL = str.maketrans({"<": "‹", ">": "›"})
_ATTRIBUTE = str.maketrans({"<": "‹", ">": "›", '"': "'", "\n": " "})


@dataclass(frozen=True)
class PromptParts:
    """The two parts of the prompt file."""

    system: str
    user: str

    @property
    def fixed_text(self) -> str:
        """The words the prompt itself says (rules and framing, without the filled parts)."""
        return self.system + "\n" + self.user.replace("{sources}", "\n").replace("{question}", "\n")


def _fields(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"Lời nhắc có dấu ngoặc nhọn sai ({exc}); viết {{{{ }}}} cho ngoặc thường.") from None


def load_prompt(path: Path) -> PromptParts:
    """Parse ``[system]`` / ``[user]`` sections; ``#`` lines are comments."""
    if not path.is_file():
        raise ConfigError(f"Không thấy tệp lời nhắc '{path}'. Đặt KEHOACH_LLM_PROMPT_FILE "
                          "tới tệp có phần [system] và [user] (mẫu: prompts/generate.txt).")
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(_COMMENT):
            continue
        section = _SECTION_RE.match(line.strip())
        if section:
            current = parts.setdefault(section.group(1), [])
        elif current is not None:
            current.append(line)
    system = "\n".join(parts.get("system", [])).strip()
    user = "\n".join(parts.get("user", [])).strip()
    if not system or not user:
        raise ConfigError(f"Tệp lời nhắc '{path}' cần hai phần [system] và [user] có nội dung.")
    if _fields(system) or _fields(user) != _PLACEHOLDERS:
        raise ConfigError(f"Tệp lời nhắc '{path}': phần [user] phải có đúng hai chỗ điền "
                          "{sources} và {question}; phần [system] không có chỗ điền nào.")
    return PromptParts(system, user)


def chat_prompt(parts: PromptParts, system_role: str) -> ChatPromptTemplate:
    """A LangChain prompt; ``system_role="user"`` folds the rules into the user message."""
    if system_role == "system":
        return ChatPromptTemplate.from_messages([("system", parts.system), ("human", parts.user)])
    if system_role == "user":
        return ChatPromptTemplate.from_messages([("human", parts.system + "\n\n" + parts.user)])
    raise ConfigError(f"KEHOACH_LLM_SYSTEM_ROLE='{system_role}' không hợp lệ: dùng "
                      f"{' hoặc '.join(SYSTEM_ROLES)}.")


def fence(source: Source) -> str:
    """One passage as a data block the passage's own text cannot break out of."""
    attrs = {"id": str(source.n), "ke_hoach": source.label, "ten": source.title,
             "muc": source.chunk.section}
    head = " ".join(f'{k}="{v.translate(_ATTRIBUTE)}"' for k, v in attrs.items() if v)
    body = source.chunk.text.translate(_NEUTRAL).strip()
    return f"<nguon {head}>\n{body}\n</nguon>"


def render_sources(sources: Sequence[Source]) -> str:
    return "\n\n".join(fence(s) for s in sources)
