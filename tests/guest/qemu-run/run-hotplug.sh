#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --hotplug: the guest plugs the DIMM with ndkit-hotadd (QMP on the host side) and uses it:
# labels, a namespace on its region.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
ndctl list -D | jq length > before.txt
ndkit-hotadd 0
ndctl list -D | jq length > after.txt
dimm=$(ndctl list -D | jq -r 'map(.dev) | sort | last')
region=$(ndctl list -R -d "$dimm" | jq -r '.[0].dev')
ndctl disable-region "$region" >&2
ndctl init-labels -f "$dimm" >&2
ndctl enable-region "$region" >&2
ndctl create-namespace -r "$region" -m devdax -s 256M > ns.json
GUEST
chmod +x guest.sh
"$Q" run --nvdimm 1G --hotplug 1G -- ./guest.sh 2> err.txt
expect_eq "exit status" "$?" 0
expect_eq "DIMMs before and after" "$(cat before.txt after.txt)" "1
2"
expect_eq "namespace on the plugged DIMM" "$(jq -r '"\(.mode) \(.size > 0)"' ns.json)" "devdax true"
expect_eq "progress line" "$(grep -c 'hotplug DIMM 0 plugged' err.txt)" 1
finish run-hotplug
