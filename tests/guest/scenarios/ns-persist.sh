# SPDX-License-Identifier: GPL-2.0-only
# Namespaces ndkit creates are in the labels: after a reboot upstream and ndkit both see them
# with the same names, uuids and modes, and ndkit's list still equals upstream's.
DIMMS="1G:128K:2M 1G:2M:128M"
BOOTS=2

if [ "$NDKIT_BOOT" = 1 ]; then
	run upstream-ndctl disable-region all
	run upstream-ndctl init-labels -f all
	run upstream-ndctl enable-region all
	run ndctl create-namespace -r region0 -m fsdax -s 128M -n keep-fs -u 22222222-3333-4444-8555-666666666601
	run ndctl create-namespace -r region1 -m devdax -s 256M -n keep-dd -u 22222222-3333-4444-8555-666666666602
	run ndctl create-namespace -r region1 -m sector -s 32M -n keep-sec -u 22222222-3333-4444-8555-666666666603
else
	run upstream-ndctl list -N -v > /tmp/up.json
	for want in "keep-fs fsdax 22222222-3333-4444-8555-666666666601" \
			"keep-dd devdax 22222222-3333-4444-8555-666666666602" \
			"keep-sec sector 22222222-3333-4444-8555-666666666603"; do
		name=${want%% *}
		got=$(jq -r ".[] | select(.name == \"$name\") | .name + \" \" + .mode + \" \" + .raw_uuid" /tmp/up.json)
		[ "$got" = "$want" ] || fail "after reboot upstream sees '$got', want '$want'" "$(cat /tmp/up.json)"
	done
	for flags in -N -RNi -BDRN; do
		# shellcheck disable=SC2086
		upstream-ndctl list $flags > /tmp/a.json
		# shellcheck disable=SC2086
		ndctl list $flags > /tmp/b.json
		cmp -s /tmp/a.json /tmp/b.json || fail "ndctl list $flags differs from upstream after reboot" "$(diff /tmp/a.json /tmp/b.json | head -30)"
	done
fi
