# SPDX-License-Identifier: GPL-2.0-only
# DIMM health and firmware, which nfit_test's DIMMs answer through their Intel-family DSMs
# (SMART, SMART thresholds, firmware info): ndkit's `list -DH`, `-DF`, `-BF` and
# `-BDRNiX -vvv` print what upstream prints, byte for byte (keys in upstream's order), once
# no bus scrubs; and the health object holds nfit_test's SMART values.
NFIT_TEST=1
TIMEOUT=900

U=upstream-ndctl
SYS=/sys/bus/nd/devices

scrub_idle() {
	local i
	for i in $(seq 300); do grep -qs '+' $SYS/ndbus*/nfit/scrub || return 0; sleep 0.1; done
}

# same_list ARGS...: ndkit prints what upstream prints, byte for byte (key order, 23.0)
same_list() {
	scrub_idle
	run ndctl list "$@" > /tmp/nd.json
	run $U list "$@" > /tmp/up.json
	json_same /tmp/up.json /tmp/nd.json
	cmp -s /tmp/up.json /tmp/nd.json ||
		fail "list $*: same values, other bytes" "$(diff /tmp/up.json /tmp/nd.json)"
	echo "list $*: same as upstream"
}

same_list -DH
expect_match '"health_state":"non-critical"' "$(cat /tmp/nd.json)"
expect_match '"temperature_celsius":23\.0' "$(tr -d ' \t\n' < /tmp/nd.json)"
expect_match '"shutdown_count":42' "$(jq -c . /tmp/nd.json)"
same_list -DF
expect_match '"current_version":0' "$(jq -c . /tmp/nd.json)"
same_list -BF
expect_match '"activate_method":' "$(jq -c . /tmp/nd.json)"
same_list -BDRNiX -vvv
same_list -DHF -u
same_list -DHF -d nmem1
# a bus without the DIMM, region or namespace named is left out, as upstream's walk does
same_list -BDHF -d nmem1
same_list -BR -r region0
same_list -BDN -n namespace0.0
