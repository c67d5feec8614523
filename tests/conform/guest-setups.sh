# SPDX-License-Identifier: GPL-2.0-only
# The device states of the guest conformance cases (sourced by run-cases.sh):
# state_NAME puts the two vNVDIMMs (tests/guest/scenarios/conform-ndctl.sh)
# in that state with upstream's tools, whatever the previous case left.
U=upstream-ndctl

# Both DIMMs enabled with valid v1.1 index blocks (upstream's default).
ensure_labels() {
	$U enable-dimm all
	if ! $U check-labels all 2>&1 | grep -q '^successfully verified 2 nmem labels$'; then
		$U disable-region all
		$U init-labels -f all
	fi
	$U enable-region all
}

# As booted: zeroed label areas, each region label-less with one raw
# namespace. Labels written later stay until the next boot, so the cases
# in this state come first and change nothing.
state_boot() {
	for r in region0 region1; do
		[ "$(cat /sys/bus/nd/devices/$r/nstype)" = 4 ] || {
			echo "$r is not label-less: the 'boot' cases must come first"; return 1; }
	done
}

state_fresh() {
	ensure_labels
	$U destroy-namespace -f all
}

# c1: 64M fsdax in region0; c2: 256M devdax (2M align) in region1.
state_two() {
	state_fresh
	$U create-namespace -r region0 -s 64M -n c1
	$U create-namespace -r region1 -m devdax -a 2M -s 256M -n c2
}

state_disabled() {
	state_two
	$U disable-namespace all
}

# Labelled, no namespaces, regions disabled: label areas may be written.
state_idle() {
	state_fresh
	$U disable-region all
}
