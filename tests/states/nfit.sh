# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the nfit_test scenarios of the state-model suite (states-nfit, states-nfit-sample)
# in the guest: the states are built in nfit_test.0's 4-DIMM interleaved region (64 MiB,
# align 16 MiB) over its DIMMs in position order, in units of 16 MiB; $ODD is a size that is
# no multiple of the align; the states that do not fit (tag big) are left out; documented.txt's
# patterns starting with nfit_test: apply (STATES_ON).
STATES_REGION=
for r in /sys/bus/nd/devices/region*; do
	[ "$(cat "$r/mappings")" = 4 ] || continue
	STATES_REGION=${r##*/}
	STATES_DIMMS=$(for i in 0 1 2 3; do cut -d, -f1 "$r/mapping$i"; done | tr '\n' ' ')
done
[ -n "$STATES_REGION" ] || fail "nfit_test.0's 4-DIMM region is missing" "$(ls /sys/bus/nd/devices)"
export STATES_REGION STATES_DIMMS STATES_UNIT=16 STATES_ODD=20M STATES_SKIP_TAGS=big STATES_ON=nfit_test
echo "states in $STATES_REGION over $STATES_DIMMS"
