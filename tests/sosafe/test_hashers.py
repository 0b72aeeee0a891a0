"""Production hashes passwords with Argon2id at OWASP's cost; older hashes still verify."""

from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    check_password,
    make_password,
)
from django.test import override_settings

from sosafe import settings as production


@override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)
def test_argon2id_at_owasp_cost_and_old_hashes_are_upgraded_at_sign_in():
    encoded = make_password("a sound pass phrase")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("a sound pass phrase", encoded)
    # Django's PBKDF2, and its Argon2 at 100 MiB and 8 lanes (the same algorithm name).
    for old_hasher in (PBKDF2PasswordHasher(), Argon2PasswordHasher()):
        old = old_hasher.encode("a sound pass phrase", old_hasher.salt())
        rehashed = []
        assert check_password("a sound pass phrase", old, setter=rehashed.append)
        assert rehashed == ["a sound pass phrase"]
    assert not check_password("a wrong pass phrase", encoded)
