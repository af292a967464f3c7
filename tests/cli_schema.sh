#!/bin/sh
# cli_schema.sh — `computesim schema` and scenarios/schema.json.
#
# The committed scenarios/schema.json must be exactly what `computesim
# schema` prints (regenerate with `make docs`) and valid JSON. Then, with
# python3's jsonschema and yaml: it is a valid draft-07 schema; every
# scenario that loads (scenarios/, tests/data/, tests/fixed/,
# tests/analysis/ and a file of less common forms that `check` passes)
# validates against it; the bad-input files whose defect a schema can
# express (unknown keys, missing keys, wrong types, numbers out of range,
# unknown distributions, series where none may be) do not; every key of
# docs/keys.md has its place in it. Last, argument errors.
#
# Usage: CS_BIN=build/x/computesim CS_ROOT=. sh tests/cli_schema.sh
# Prints "cli_schema: N passed, M failed"; exits 1 on any failure.

: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
case $CS_BIN in /*) ;; *) CS_BIN=$PWD/$CS_BIN ;; esac
case $CS_ROOT in /*) ;; *) CS_ROOT=$PWD/$CS_ROOT ;; esac

pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_schema.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { pass=$((pass + 1)); }
no() {
	fail=$((fail + 1))
	echo "FAIL: $*" >&2
}

schema=$CS_ROOT/scenarios/schema.json

# ---- the committed copy is current and valid JSON ------------------------
"$CS_BIN" schema >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && [ -s "$tmp/out" ] && ok ||
	no "schema: exit $rc, stderr '$(cat "$tmp/err")'"
cmp -s "$tmp/out" "$schema" && ok ||
	no "scenarios/schema.json differs from 'computesim schema' (run make docs)"
python3 -m json.tool "$schema" >/dev/null 2>"$tmp/err" && ok ||
	no "scenarios/schema.json is not valid JSON: $(cat "$tmp/err")"

# ---- less common forms: check passes them, so must the schema ------------
cat >"$tmp/forms.yaml" <<'EOF'
scenario:
  name: 2026
  description: ~
  start_year: "2026"
  years: 1e1
simulation: {trials: 1e3, seed: 18446744073709551615, percentiles: ["5", 50, 95.5]}
supply:
  installed_base_h100e: "1.8e6"
  installed_base_life_years: "4 to 6"
  capex_busd: {2026: {dist: pert, min: 1, mode: 2, max: 4}, 2030: 3,
               then_growth: {dist: normal, mean: 5%, sd: "2%", resample: ar1, phi: 0.5}}
  compute_share: {dist: beta, alpha: 2, beta: 3, resample: year}
  useful_life_years: {dist: choice, values: [4, 5, "6"], weights: [1, 2, 1]}
  availability: {dist: triangular, min: 0.8, mode: 0.9, max: 1, resample: trial}
  procurement:
    - {name: a-1, share: 0, cost_per_h100e_usd: {dist: lognormal, median: 2e4, gsd: 1.3},
       cost_decline: {dist: uniform, min: -10%, max: 30%, lower: 0, resample: year}}
    - {name: B_2, share: "1", cost_per_h100e_usd: {dist: fixed, value: 15000}}
  contracts:
demand:
  start_ratio: "100% to 120%"
  workloads:
    - {name: w, share: 1, growth: {2026: "10%", then_growth: -5%}, efficiency_gain: "-20% to 5%"}
market:
  price_per_h100e_hour_usd: {dist: normal, p5: 1.8, p95: 2.6, lower: 0.1}
  market_h100e: {dist: lognormal, mean: 5e6, sd: 1e6}
cloud:
  launch: {trigger_surplus_share: "10%"}
  term_years: 2
correlations:
  - [supply.capex_busd, supply.compute_share, "-30%"]
output:
  dir: ~
  plots: True
EOF
"$CS_BIN" check "$tmp/forms.yaml" >/dev/null 2>"$tmp/err" && ok ||
	no "forms.yaml does not pass check: $(cat "$tmp/err")"
cat >"$tmp/nullcloud.yaml" <<'EOF'
scenario: {name: empty sections, start_year: 2026, years: 3}
simulation:
supply:
  installed_base_h100e: 1000
  installed_base_life_years: 4
  capex_busd: 10
  compute_share: 1
  useful_life_years: 5
  procurement: [{name: n, share: 1, cost_per_h100e_usd: 20000}]
demand: {start_ratio: 1, workloads: [{name: w, share: 1}]}
market: {price_per_h100e_hour_usd: 2, market_h100e: 1e6}
cloud:
correlations:
output:
EOF
"$CS_BIN" check "$tmp/nullcloud.yaml" >/dev/null 2>"$tmp/err" && ok ||
	no "nullcloud.yaml does not pass check: $(cat "$tmp/err")"

# ---- against the schema ----------------------------------------------------
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
	no "python3 modules jsonschema and yaml are needed (make deps)"
else
	cd "$CS_ROOT" || exit 1
	python3 - "$schema" "$tmp" >"$tmp/py" 2>&1 <<'EOF'
import glob, json, re, sys
import jsonschema, yaml

schema_path, tmp = sys.argv[1], sys.argv[2]
schema = json.load(open(schema_path))
npass = nfail = 0

def result(good, what):
    global npass, nfail
    if good:
        npass += 1
    else:
        nfail += 1
        print("FAIL: " + what)

def strkeys(x):
    # YAML years are numbers; a JSON object's keys are text
    if isinstance(x, dict):
        return {str(k): strkeys(v) for k, v in x.items()}
    if isinstance(x, list):
        return [strkeys(v) for v in x]
    return x

def errors(path):
    with open(path, encoding="utf-8") as f:
        doc = strkeys(yaml.safe_load(f))
    return [e.message for e in v.iter_errors(doc)]

try:
    jsonschema.Draft7Validator.check_schema(schema)
    result(True, "")
except jsonschema.SchemaError as e:
    result(False, "not a draft-07 schema: %s" % e.message)
v = jsonschema.Draft7Validator(schema)

good = sorted(glob.glob("scenarios/*.yaml") + glob.glob("tests/data/*.yaml")
              + glob.glob("tests/fixed/*.yaml")
              + glob.glob("tests/analysis/*.yaml"))
good += [tmp + "/forms.yaml", tmp + "/nullcloud.yaml"]
result(len(good) >= 12, "only %d good files" % len(good))
for path in good:
    e = errors(path)
    result(not e, "%s: valid scenario refused: %s" % (path, e[:1]))

bad = ["09-unknown-key", "10-unknown-section", "11-missing-key",
       "12-missing-section", "13-text-for-number", "14-mapping-for-text",
       "16-negative-life", "17-zero-market", "22-phi-outside",
       "24-trials-zero", "25-unknown-resample", "26-unknown-dist",
       "32-series-per-trial", "33-resample-per-trial",
       "35-term-years-fraction", "36-term-years-distribution",
       "39-malformed-percentage", "42-corr-rho-range", "46-negative-share",
       "47-series-point-resample", "50-bad-name", "54-years-text",
       "55-launch-distribution", "56-item-not-mapping",
       "57-empty-procurement", "59-bool", "60-section-not-mapping",
       "62-series-bad-year", "63-start-year-range", "64-unknown-dist-key",
       "96-market-beside-industry", "100-market-size-missing"]
for name in bad:
    path = "tests/bad/%s.yaml" % name
    result(bool(errors(path)), "%s: accepted by the schema" % path)

# every key of the reference has its place in the schema
props = schema["properties"]
def find(name):
    if name == "<per-year key>.then_growth":
        s = props["supply"]["properties"]["capex_busd"]["anyOf"][3]
        return s["properties"].get("then_growth")
    parts = name.replace("[]", "").split(".")
    node = props.get(parts[0])
    for p in parts[1:]:
        if node is None:
            return None
        if "items" in node and "properties" not in node:
            node = node["items"]
        node = node.get("properties", {}).get(p)
    return node
nkeys = 0
for line in open("docs/keys.md", encoding="utf-8"):
    m = re.match(r"\| `([^`]+)` \|", line)
    if m:
        nkeys += 1
        result(find(m.group(1)) is not None,
               "docs/keys.md key %s not in the schema" % m.group(1))
result(nkeys >= 50, "only %d keys in docs/keys.md" % nkeys)
print("py %d %d" % (npass, nfail))
EOF
	line=$(tail -n 1 "$tmp/py")
	case $line in
	"py "*)
		set -- $line
		pass=$((pass + $2))
		fail=$((fail + $3))
		[ "$3" -eq 0 ] || sed '$d' "$tmp/py" >&2
		;;
	*)
		no "python check did not finish:"
		cat "$tmp/py" >&2
		;;
	esac
fi

# ---- arguments ----------------------------------------------------------------
# --quiet would leave keys and schema nothing to do: refused, not ignored
for q_ in keys schema; do
	"$CS_BIN" "$q_" -q >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] &&
		grep -q "^error: --quiet is not for '$q_'" "$tmp/err" && ok ||
		no "$q_ -q: exit $rc"
done
"$CS_BIN" schema extra.yaml >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] &&
	grep -q "'schema' takes no arguments" "$tmp/err" && ok ||
	no "schema with an argument: exit $rc"
"$CS_BIN" schema --seed 3 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && ok ||
	no "schema with --seed: exit $rc"
"$CS_BIN" --help | grep -q '^  computesim schema ' && ok ||
	no "--help does not mention schema"

echo "cli_schema: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
