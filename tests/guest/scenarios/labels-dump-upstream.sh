# SPDX-License-Identifier: GPL-2.0-only
# ndkit read-labels against upstream's on the same DIMMs: -j gives upstream's active labels
# (its dump minus stale slots, GUIDs converted from on-media order), -o gives identical bytes.
# (read-labels -j's speed against upstream's: tests/bench/guest/bench-labels.sh.)
DIMMS="1G:128K:2M 1G:2M:128M"
PRELOAD="0:nvdimm0-many-v1.1.lsa.gz 1:nvdimm1-many-v1.2.lsa.gz"
TIMEOUT=400

# upstream-created namespaces on top of the preloaded ones
run upstream-ndctl create-namespace -r region1 -m devdax -s 128M -n from-upstream

# upstream prints guid_t bytes as a uuid: swap the first three fields back
cat > /tmp/guid.jq <<'JQ'
def pairs: [scan("..")];
def rev(s): s | pairs | reverse | join("");
def guid: split("-") as $p | [rev($p[0]), rev($p[1]), rev($p[2]), $p[3], $p[4]] | join("-");
JQ
for d in nmem0 nmem1; do
	# piped, both wrap even one DIMM in an array, as upstream
	run ndctl read-labels -j $d > /tmp/nd-arr-$d.json
	expect_match "^array\$" "$(jq -r type /tmp/nd-arr-$d.json)"
	jq '.[0]' /tmp/nd-arr-$d.json > /tmp/nd-$d.json
	run upstream-ndctl read-labels -j $d | jq 'if type == "array" then .[0] else . end' > /tmp/up-$d.json
	jq '[.label[].slot]' /tmp/nd-$d.json > /tmp/active.json
	jq -L /tmp --slurpfile a /tmp/active.json 'include "guid";
		.label |= map(select(.slot as $s | $a[0] | index([$s]))
			| if .type_guid then .type_guid |= guid | .abstraction_guid |= guid else . end)' \
		/tmp/up-$d.json > /tmp/up-active-$d.json
	json_same /tmp/up-active-$d.json /tmp/nd-$d.json
	expect_match "^[1-9]" "$(jq '.label | length' /tmp/nd-$d.json)"
	run ndctl read-labels -o /tmp/nd-$d.bin $d
	run upstream-ndctl read-labels -o /tmp/up-$d.bin $d
	run cmp /tmp/nd-$d.bin /tmp/up-$d.bin
done
# several DIMMs: an array, as upstream
expect_match "^2\$" "$(ndctl read-labels -j nmem0 nmem1 | jq 'length')"
expect_match "from-upstream" "$(cat /tmp/nd-nmem1.json)"

# -b filters DIMMs by bus as upstream's does: by name, number and provider, and a wrong bus
# is an error naming the way to list buses
run ndctl read-labels -j -b ndbus0 all | jq -e 'length == 2' > /dev/null
run ndctl read-labels -j -b 0 nmem1 | jq -e '.[0].dev == "nmem1"' > /dev/null
run ndctl read-labels -j -b ACPI.NFIT nmem0 | jq -e '.[0].dev == "nmem0"' > /dev/null
expect_fail "list -B -D" ndctl read-labels -j -b ndbus9 all

