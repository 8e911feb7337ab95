"""O*NET importer: occupation data and technology skills (tab-separated text files)."""

from __future__ import annotations

import csv
from pathlib import Path

from knowledge.models import OnetOccupation, OnetTechnology
from knowledge.sources.tables import read_table

OCCUPATION_DATA = "onet/Occupation Data.txt"
TECHNOLOGY_SKILLS = "onet/Technology Skills.txt"
SOURCE_FILES = [OCCUPATION_DATA, TECHNOLOGY_SKILLS]


def load_onet(data_dir: Path) -> dict[str, OnetOccupation]:
    data_dir = Path(data_dir)
    onet: dict[str, OnetOccupation] = {}
    cols = ["O*NET-SOC Code", "Title", "Description"]
    for row in read_table(data_dir / OCCUPATION_DATA, cols, delimiter="\t", quoting=csv.QUOTE_NONE):
        code = row["O*NET-SOC Code"].strip()
        onet[code] = OnetOccupation(code=code, title=row["Title"].strip(), description=row["Description"].strip())
    cols = ["O*NET-SOC Code", "Example", "Commodity Title", "Hot Technology", "In Demand"]
    for row in read_table(data_dir / TECHNOLOGY_SKILLS, cols, delimiter="\t", quoting=csv.QUOTE_NONE):
        occupation = onet.get(row["O*NET-SOC Code"].strip())
        if occupation is not None:
            occupation.technology.append(
                OnetTechnology(
                    example=row["Example"].strip(),
                    commodity=row["Commodity Title"].strip(),
                    hot=row["Hot Technology"].strip() == "Y",
                    in_demand=row["In Demand"].strip() == "Y",
                )
            )
    return onet
