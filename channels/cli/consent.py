"""``orient consent``: the receipt-signing key and receipt verification.

    orient consent public-key                         # print the current public key (PEM)
    orient consent verify receipt.json [--public-key key.pem]
    orient consent rotate-key                         # retire the current key pair, start a new one

``verify`` without ``--public-key`` uses this installation's keys (current or retired, as the
receipt names); with it, it checks exactly as a third party would. Exit code 0 = valid, 1 = not.
After ``rotate-key``, restart the API workers so they sign with the new key (receipts they signed
meanwhile still verify: the retired public key is kept).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("consent", help="consent receipts: public key, verification, key rotation")
    actions = parser.add_subparsers(dest="consent_action", required=True)
    actions.add_parser("public-key", help="print the public key that signs consent receipts (PEM)")
    verify = actions.add_parser("verify", help="check a downloaded consent receipt's signature")
    verify.add_argument("receipt", type=Path, help="the receipt JSON file")
    verify.add_argument("--public-key", type=Path, help="a PEM public key (default: this installation's keys)")
    actions.add_parser("rotate-key", help="retire the receipt-signing key pair and generate a new one")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tools.consent.signing import ReceiptSigner, rotate_key, verify_receipt

    key_dir = settings.storage_dir / "keys"
    if args.consent_action == "public-key":
        print(ReceiptSigner.from_key_dir(key_dir).public_key_pem(), end="")
        return 0
    if args.consent_action == "rotate-key":
        old = ReceiptSigner.from_key_dir(key_dir).key_id
        new = rotate_key(key_dir)
        print(f"retired {old}; now signing with {new.key_id} (restart the API workers)")
        return 0
    try:
        receipt = json.loads(args.receipt.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"orient consent verify: cannot read {args.receipt}: {exc}") from None
    if args.public_key is not None:
        try:
            valid = verify_receipt(receipt, args.public_key.read_bytes())
        except (OSError, ValueError) as exc:
            raise SystemExit(f"orient consent verify: bad public key {args.public_key}: {exc}") from None
    else:
        valid = ReceiptSigner.from_key_dir(key_dir).verify(receipt)
    proof = receipt.get("proof") if isinstance(receipt, dict) else None
    method = proof.get("verification_method") if isinstance(proof, dict) else None
    print(f"{'valid' if valid else 'NOT valid'}: receipt {receipt.get('receipt_id') if isinstance(receipt, dict) else '?'} "
          f"signed by {method or '?'}")
    return 0 if valid else 1
