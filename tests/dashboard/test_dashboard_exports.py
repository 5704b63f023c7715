import io
import json
import zipfile

import pandas as pd

from dashboard import exports
from extractors.models import OUTPUT_COLUMNS


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype={"year": str})


def test_plain_csv_has_no_bom_and_every_row(dataset):
    data = exports.csv_for_scripts(dataset.mentions)
    assert not data.startswith(exports.UTF8_BOM)
    frame = _read(data)
    assert list(frame.columns) == exports.EXPORTED_COLUMNS
    assert len(frame) == len(dataset.mentions)
    assert sorted(frame["obs_id"]) == sorted(dataset.mentions["obs_id"])
    assert "上城区" in set(frame["region"])


def test_excel_csv_starts_with_a_bom(dataset):
    data = exports.csv_for_excel(dataset.mentions)
    assert data.startswith(exports.UTF8_BOM)
    assert data[3:].decode("utf-8").startswith('"obs_id","source_file"')


def test_values_are_unquoted_numbers_that_read_back_exactly(dataset):
    text = exports.csv_for_excel(dataset.mentions).decode("utf-8-sig")
    gdp_line = next(line for line in text.splitlines() if "21860亿元" in line)
    assert ",2.186e+12," in gdp_line and ",2024," in gdp_line
    frame = _read(text.encode())
    assert frame["value"].dtype.kind == "f"
    assert sorted(frame["value"]) == sorted(dataset.mentions["value"])


def test_formula_text_is_neutralised_for_excel_only(dataset):
    excel = _read(exports.csv_for_excel(dataset.mentions))
    plain = _read(exports.csv_for_scripts(dataset.mentions))
    sentences_excel, sentences_plain = set(excel["sentence"]), set(plain["sentence"])
    assert "'@拱墅发布：2024年全区新增城镇就业2.1万人。" in sentences_excel
    assert "'- 全区企业总数达12.3万家，发放创业担保贷款8000余万元，惠及创业者3500余名。" in sentences_excel
    assert "@拱墅发布：2024年全区新增城镇就业2.1万人。" in sentences_plain
    assert not any(str(s).startswith(exports.FORMULA_TRIGGERS) for s in excel["sentence"])


def test_every_formula_trigger_is_neutralised_and_numbers_are_not():
    rows = pd.DataFrame({name: [""] * 6 for name in OUTPUT_COLUMNS})
    rows["subject"] = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]
    rows["value"] = [-3.5, 1, 2, 3, 4, 5]
    rows["start"], rows["end"], rows["year"] = 0, 1, 2024
    frame = _read(exports.csv_for_excel(rows))
    assert list(frame["subject"]) == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"]
    assert list(frame["value"]) == [-3.5, 1, 2, 3, 4, 5]


def test_empty_year_stays_empty(dataset):
    frame = _read(exports.csv_for_scripts(dataset.mentions))
    area = frame[frame["raw_text"] == "2.98平方公里"]
    assert area["year"].iloc[0] == ""


def test_data_package_zip(dataset):
    rows = dataset.mentions[dataset.mentions["region"] == "拱墅区"]
    archive = zipfile.ZipFile(io.BytesIO(exports.data_package_zip(rows, dataset.documents, "拱墅区 only")))
    assert sorted(archive.namelist()) == ["README.md", "datapackage.json", "indicators.csv"]
    assert len(_read(archive.read("indicators.csv"))) == len(rows)
    package = json.loads(archive.read("datapackage.json"))
    resource = package["resources"][0]
    assert [field["name"] for field in resource["schema"]["fields"]] == exports.EXPORTED_COLUMNS
    assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}["value"] == "number"
    assert resource["schema"]["primaryKey"] == ["obs_id"]
    readme = archive.read("README.md").decode("utf-8")
    assert "102_gongshu_population.txt" in readme and "103_hangzhou_bulletin.txt" in readme
    assert "101_shangcheng_window.txt" not in readme
    assert "拱墅打造全生命周期人口精准服务体系" in readme
