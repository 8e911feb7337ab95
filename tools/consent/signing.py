"""Ed25519 signatures of consent receipts, verifiable by anyone holding the service's public key.

The key pair lives under ``<storage_dir>/keys/``: ``receipts-ed25519.pem`` (private, PKCS#8, file
mode 0600) and ``receipts-ed25519.pub.pem`` (public, SubjectPublicKeyInfo). It is generated on
first use; creation is atomic (written aside, then hard-linked into place) so two workers starting together end up with one key.

What is signed: the receipt without its ``proof`` member, serialised as canonical JSON (keys
sorted, no insignificant whitespace, UTF-8). ``proof`` carries the signature (base64url), the key id
(SHA-256 of the raw public key) and the algorithm.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PRIVATE_KEY_FILE = "receipts-ed25519.pem"
PUBLIC_KEY_FILE = "receipts-ed25519.pub.pem"
RETIRED_DIR = "retired"  # public keys of rotated-out key pairs, kept to verify older receipts
PROOF_TYPE = "Ed25519Signature"
CANONICALIZATION = "json-sorted-keys-compact-utf8"


def canonical_bytes(document: dict[str, Any]) -> bytes:
    """Canonical JSON of a receipt without its proof: the exact bytes that get signed."""
    body = {k: v for k, v in document.items() if k != "proof"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")  # any JSON a client sends has defined bytes


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "ed25519:" + hashlib.sha256(raw).hexdigest()[:32]


def load_public_key(public_key: str | bytes | Ed25519PublicKey) -> Ed25519PublicKey:
    """Accept a PEM (str or bytes), 32 raw bytes, or a key object."""
    if isinstance(public_key, Ed25519PublicKey):
        return public_key
    data = public_key.encode("ascii") if isinstance(public_key, str) else public_key
    if len(data) == 32:
        return Ed25519PublicKey.from_public_bytes(data)
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


class ReceiptSigner:
    """Holds the service's Ed25519 key pair and signs receipts with it."""

    def __init__(self, private_key: Ed25519PrivateKey, retired: list[Ed25519PublicKey] | None = None):
        self._private_key = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id(self.public_key)
        self.retired = {key_id(k): k for k in retired or []}

    def key_for(self, verification_method: str | None) -> Ed25519PublicKey | None:
        """The current or a retired public key with this id (None when unknown)."""
        if verification_method in (None, self.key_id):
            return self.public_key
        return self.retired.get(verification_method)

    def verify(self, receipt: dict[str, Any]) -> bool:
        """Verify with the key the receipt names: the current one or a retired one."""
        proof = receipt.get("proof") if isinstance(receipt, dict) else None
        method = proof.get("verification_method") if isinstance(proof, dict) else None
        key = self.key_for(method if isinstance(method, str) else None)
        return key is not None and verify_receipt(receipt, key)

    @classmethod
    def from_key_dir(cls, key_dir: Path) -> ReceiptSigner:
        """Load the key pair from ``key_dir``, generating it on first use."""
        key_dir = Path(key_dir)
        key_dir.mkdir(parents=True, exist_ok=True)
        private_path = key_dir / PRIVATE_KEY_FILE
        if not private_path.exists():
            _create_private_key(private_path)
        private_key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
        if not isinstance(private_key, Ed25519PrivateKey):
            raise ValueError(f"{private_path} does not hold an Ed25519 private key")
        retired = [load_public_key(p.read_bytes()) for p in sorted((key_dir / RETIRED_DIR).glob("*.pub.pem"))]
        signer = cls(private_key, retired)
        public_path = key_dir / PUBLIC_KEY_FILE
        if not public_path.exists() or public_path.read_text() != signer.public_key_pem():
            public_path.write_text(signer.public_key_pem())
        return signer

    def derived_secret(self, purpose: str) -> bytes:
        """A secret for another use derived from the private key (when no key of its own is given)."""
        import hashlib

        raw = self._private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                              serialization.NoEncryption())
        return hashlib.sha256(f"orient:{purpose}\n".encode() + raw).digest()

    def public_key_pem(self) -> str:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")

    def sign(self, receipt: dict[str, Any], created: datetime | None = None) -> dict[str, Any]:
        """Return a copy of ``receipt`` with a ``proof`` member."""
        body = {k: v for k, v in receipt.items() if k != "proof"}
        signature = self._private_key.sign(canonical_bytes(body))
        body["proof"] = {
            "type": PROOF_TYPE,
            "created": (created or datetime.now(UTC)).isoformat(),
            "verification_method": self.key_id,
            "canonicalization": CANONICALIZATION,
            "signature_value": base64.urlsafe_b64encode(signature).decode("ascii").rstrip("="),
        }
        return body


def verify_receipt(receipt: dict[str, Any], public_key: str | bytes | Ed25519PublicKey) -> bool:
    """True when ``receipt`` carries a valid Ed25519 proof by ``public_key``; False if tampered or unsigned."""
    proof = receipt.get("proof") if isinstance(receipt, dict) else None
    if not isinstance(proof, dict) or proof.get("type") != PROOF_TYPE:
        return False
    value = proof.get("signature_value")
    if not isinstance(value, str):
        return False
    try:
        signature = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, TypeError):
        return False
    key = load_public_key(public_key)
    if proof.get("verification_method") not in (None, key_id(key)):
        return False
    try:
        key.verify(signature, canonical_bytes(receipt))
    except InvalidSignature:
        return False
    return True


def rotate_key(key_dir: Path) -> ReceiptSigner:
    """Retire the current key pair (its public key is kept under ``retired/`` so older receipts still
    verify; its private key is deleted) and start a new one. Returns the new signer."""
    key_dir = Path(key_dir)
    current = ReceiptSigner.from_key_dir(key_dir)
    retired_dir = key_dir / RETIRED_DIR
    retired_dir.mkdir(parents=True, exist_ok=True)
    (retired_dir / f"{current.key_id.split(':', 1)[1]}.pub.pem").write_text(current.public_key_pem())
    (key_dir / PRIVATE_KEY_FILE).unlink()
    return ReceiptSigner.from_key_dir(key_dir)


def _create_private_key(path: Path) -> None:
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(tmp, 0o600)
    try:
        os.link(tmp, path)  # atomic: fails if another worker published its key first
    except FileExistsError:
        pass  # use theirs
    finally:
        tmp.unlink()
