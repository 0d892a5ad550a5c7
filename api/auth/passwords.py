"""Password and client-secret hashing with argon2id (argon2-cffi's default profile, RFC 9106)."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# Verified against when a username is unknown, so that an unknown user costs
# as much time as a wrong password and does not give itself away.
_DUMMY_HASH = _hasher.hash("no such user: this hash never matches a real password")


@dataclass(frozen=True)
class Verification:
    """The outcome of checking a secret; ``new_hash`` is set when the stored hash should be upgraded."""

    ok: bool
    new_hash: str | None = None


def hash_password(secret: str) -> str:
    """An argon2id hash of ``secret``, salted, in PHC string format."""
    return _hasher.hash(secret)


def verify_password(stored_hash: str | None, secret: str) -> Verification:
    """Check ``secret`` against ``stored_hash`` in constant time.

    ``None`` (no such user) is checked against a dummy hash, so that it takes
    as long as a real check and always fails.
    """
    try:
        _hasher.verify(stored_hash or _DUMMY_HASH, secret)
    except (VerificationError, InvalidHashError):
        return Verification(ok=False)
    if stored_hash is None:
        return Verification(ok=False)
    if _hasher.check_needs_rehash(stored_hash):
        return Verification(ok=True, new_hash=_hasher.hash(secret))
    return Verification(ok=True)
