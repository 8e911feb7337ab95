"""The official crosswalks: ESCO <-> ROME (France Travail) and ESCO <-> O*NET (ESCO secretariat, US DoL).

Both files start with a block of metadata rows; :func:`read_table` finds the real header row.
The ESCO <-> ROME pairs link ESCO occupations to ROME *appellations*; the ROME code of each
appellation comes from the ROME repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.models import CrosswalkMatch
from knowledge.sources.tables import read_table

ESCO_ROME = "crosswalks/FR_20230607_mapping_esco_rome.csv"
ESCO_ONET = "crosswalks/crosswalk_esco_onet.csv"
ESCO_ONET_REVERSE = "crosswalks/crosswalk_esco_onet_reverse.csv"
SOURCE_FILES = [ESCO_ROME, ESCO_ONET, ESCO_ONET_REVERSE]

# the strongest relation first: used to order each concept's matches
RELATION_RANK = {"exactMatch": 0, "exactISCO": 1, "closeMatch": 2, "narrowMatch": 3, "broadMatch": 4, "relatedMatch": 5, "unspecified": 6}


@dataclass
class Crosswalks:
    esco_to_rome: dict[str, list[CrosswalkMatch]]
    rome_to_esco: dict[str, list[CrosswalkMatch]]
    esco_to_onet: dict[str, list[CrosswalkMatch]]
    onet_to_esco: dict[str, list[CrosswalkMatch]]


def _relation(value: str) -> str:
    value = value.strip()
    return value.split(":", 1)[1] if value.startswith("skos:") else value or "unspecified"


def _add(mapping: dict[str, list[CrosswalkMatch]], key: str, match: CrosswalkMatch) -> None:
    matches = mapping.setdefault(key, [])
    for existing in matches:
        if existing.code == match.code and existing.appellation == match.appellation:
            return
    matches.append(match)


def _sort(mapping: dict[str, list[CrosswalkMatch]]) -> None:
    for matches in mapping.values():
        matches.sort(key=lambda m: (RELATION_RANK.get(m.relation, 9), m.code, m.appellation))


def load_crosswalks(
    data_dir: Path,
    appellation_to_rome: dict[str, str],
    esco_code_to_uri: dict[str, str],
    rome_labels: dict[str, str],
    esco_labels: dict[str, str],
) -> Crosswalks:
    """Read both crosswalks. ``appellation_to_rome`` maps ROME appellation codes to ROME codes,
    ``esco_code_to_uri`` maps ESCO occupation codes and ISCO group codes (strings) to URIs."""
    data_dir = Path(data_dir)
    esco_to_rome: dict[str, list[CrosswalkMatch]] = {}
    rome_to_esco: dict[str, list[CrosswalkMatch]] = {}
    cols = ["classification 1 ID", "classification 1 prefered label", "classification 2 ID", "classification 2 prefered label", "mapping relation"]
    for row in read_table(data_dir / ESCO_ROME, cols):
        uri, appellation = row["classification 1 ID"].strip(), row["classification 2 ID"].strip()
        rome_code = appellation_to_rome.get(appellation)
        if not uri or rome_code is None:
            continue
        relation = _relation(row["mapping relation"])
        _add(esco_to_rome, uri, CrosswalkMatch(rome_code, relation, rome_labels.get(rome_code, ""), appellation))
        _add(rome_to_esco, rome_code, CrosswalkMatch(uri, relation, row["classification 1 prefered label"].strip(), appellation))

    esco_to_onet: dict[str, list[CrosswalkMatch]] = {}
    onet_to_esco: dict[str, list[CrosswalkMatch]] = {}
    cols = ["O*NET Id", "O*NET Title", "ESCO or ISCO URI", "ESCO or ISCO Title", "Type of Match"]
    for row in read_table(data_dir / ESCO_ONET, cols):
        code, uri = row["O*NET Id"].strip(), row["ESCO or ISCO URI"].strip()
        if not code or not uri:
            continue
        relation = _relation(row["Type of Match"])
        _add(esco_to_onet, uri, CrosswalkMatch(code, relation, row["O*NET Title"].strip()))
        _add(onet_to_esco, code, CrosswalkMatch(uri, relation, row["ESCO or ISCO Title"].strip()))
    # the reverse file lists pairs by ESCO/ISCO code, without a match type
    cols = ["ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title"]
    for row in read_table(data_dir / ESCO_ONET_REVERSE, cols):
        uri = esco_code_to_uri.get(row["ESCO/ISCO Code"].strip())
        code = row["O*NET-SOC 2019 Code"].strip()
        if uri is None or not code:
            continue
        _add(esco_to_onet, uri, CrosswalkMatch(code, "unspecified", row["O*NET-SOC 2019 Title"].strip()))
        _add(onet_to_esco, code, CrosswalkMatch(uri, "unspecified", esco_labels.get(uri, row["ESCO/ISCO Title"].strip())))
    for mapping in (esco_to_rome, rome_to_esco, esco_to_onet, onet_to_esco):
        _sort(mapping)
    return Crosswalks(esco_to_rome, rome_to_esco, esco_to_onet, onet_to_esco)
