# Turns the shipped scale files (assets/fidelity/*.toml) into the JSON the mock backend serves
# (ScaleInfo[], as Rust's scales_list answers). Run from ui/ after a scale file changes:
#   python3 scripts/mock-scales.py src/mock/scales.json
# (Python 3.11+, standard library only.) src/mock/scales.test.ts notices when the copy is stale.
import json, sys, tomllib
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent.parent / "assets" / "fidelity"
def texts(t): return {"fi": t["fi"], "sv": t["sv"], "en": t["en"]}
def scale(path):
    d = tomllib.load(open(path, "rb"))
    bands = [{"code": b["code"], "min": b["min"], "max": b["max"], "name": texts(b["name"]), "verified": b.get("verified", True)} for b in d.get("bands", [])]
    items = []
    for it in d["items"]:
        s = it["scoring"]; k = s["kind"]
        if k == "anchored" or k == "yes_partly_no": sc = {"kind": k}
        elif k == "components":
            sc = {"kind": k, "components": [{"id": c["id"], "name": texts(c)} for c in s["components"]], "scoreForCount": s["score_for_count"], "verified": s.get("verified", True)}
        elif k == "count_bands":
            sc = {"kind": k, "cutOffs": s["cut_offs"], "unit": texts(s["unit"]), "verified": s.get("verified", True)}
        else:
            sc = {"kind": k, "cutOffs": s["cut_offs"], "verified": s.get("verified", True)}
        anchors = sorted([{"score": a["score"], "text": texts(a), "verified": a.get("verified", True)} for a in it.get("anchors", [])], key=lambda a: -a["score"])
        sg = it.get("suggest")
        suggest = None if sg is None else {"metric": sg["metric"], "cutOffs": [float(c) for c in sg["cut_offs"]], "requiresReview": sg.get("requires_review", False), "verified": sg.get("verified", True)}
        items.append({"code": it["code"], "index": it["index"], "section": it["section"], "name": texts(it["name"]), "description": texts(it["description"]), "anchors": anchors, "scoring": sc, "verified": it.get("verified", True), "suggest": suggest})
    items.sort(key=lambda i: i["index"])
    unverified = [{"item": None, "field": f"bands.{b['code']}"} for b in bands if not b["verified"]]
    for i in items:
        if not i["verified"]: unverified.append({"item": i["code"], "field": "definition"})
        if i["scoring"].get("verified", True) is False: unverified.append({"item": i["code"], "field": "scoring"})
        if i["suggest"] is not None and not i["suggest"]["verified"]: unverified.append({"item": i["code"], "field": "suggest"})
        for a in i["anchors"]:
            if not a["verified"]: unverified.append({"item": i["code"], "field": f"anchors.{a['score']}"})
    return {"unverified": unverified, "id": d["id"], "version": d["version"], "kind": d["kind"], "name": texts(d["name"]), "translationNote": texts(d["translation_note"]), "sections": [{"code": s["code"], "name": texts(s["name"])} for s in d["sections"]], "items": items, "bands": bands}
out = [scale(ASSETS / "ips-25.toml"), scale(ASSETS / "laatukriteerit.toml")]
with open(sys.argv[1], "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
