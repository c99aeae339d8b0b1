"""Password hashing (argon2id) and the password rules.

Parameters: OWASP's argon2id minimum (m=19 MiB, t=2, p=1), which OWASP ASVS 5.0 appendix C
accepts. They are the floor, not a ceiling: a clinic with spare memory may raise them, and
`needs_rehash` upgrades old hashes at the next login. Tests pass a cheaper hasher.
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from backrelief.errors import Problem

OWASP_TIME_COST = 2
OWASP_MEMORY_KIB = 19 * 1024
OWASP_PARALLELISM = 1

MIN_LENGTH = 12
MAX_LENGTH = 256
# A short list of the most used passwords of 12+ characters; a clinic deployment should add
# a breached-password check (ASVS 6.2.12), which needs a larger list than we ship.
COMMON = frozenset({
    "password1234", "password12345", "password123456", "123456789012", "1234567890123", "qwertyuiop12",
    "qwertyuiopas", "iloveyou1234", "passwordpassword", "letmein12345", "welcome12345", "abc123456789",
    "111111111111", "000000000000", "123123123123", "aaaaaaaaaaaa", "qwerty123456", "administrator",
    "changeme1234", "backrelief12", "backrelief123", "password!234", "monkey123456", "dragon123456",
})


class Passwords:
    def __init__(self, time_cost: int = OWASP_TIME_COST, memory_kib: int = OWASP_MEMORY_KIB,
                 parallelism: int = OWASP_PARALLELISM) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism,
                                      hash_len=32, salt_len=16, type=Type.ID)
        # Verified against when the email is unknown, so both answers take the same time.
        self._dummy = self._hasher.hash("no account has this password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        return self._hasher.check_needs_rehash(stored)


def password_problems(password: str, email: str = "", field: str = "password") -> list[Problem]:
    """What is wrong with a new password. No composition rules (ASVS 6.2.5): length and
    not a well-known password."""
    if len(password) < MIN_LENGTH:
        return [Problem(field, f"The password must be at least {MIN_LENGTH} characters long.")]
    if len(password) > MAX_LENGTH:
        return [Problem(field, f"The password can be at most {MAX_LENGTH} characters long.")]
    lowered = password.lower()
    if lowered in COMMON or len(set(password)) < 4 or (email and lowered == email.lower()):
        return [Problem(field, "This password is too easy to guess. Choose a longer phrase of your own.")]
    return []
