#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Labels and namespaces made by a host-written script in the guest, results written into the
# shared current directory, exit status 0; stdout and stderr come back apart, without the console.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
echo "stdout-mark"
echo "stderr-mark" >&2
ndctl disable-region all >&2
ndctl init-labels -f all >&2
ndctl enable-region all >&2
ndctl create-namespace -r region0 -m fsdax -s 256M > fsdax.json
ndctl create-namespace -r region1 -m devdax -s 256M > devdax.json
ndctl check-labels all >&2
ndctl list -D -R -N > list.json
[ -t 1 ] && echo "stdout is a terminal" || echo "stdout is not a terminal"
echo "$NDKIT_BOOT $NDKIT_BOOTS $NDKIT_DIMMS $PWD" > env.txt
diff <(ndctl list -D | jq -S .) <(upstream-ndctl list -D | jq -S .) > dimms.diff
GUEST
chmod +x guest.sh
"$Q" run --nvdimm 1G --nvdimm 1G,label-size=2M -- ./guest.sh > out.txt 2> err.txt
expect_eq "exit status" "$?" 0
expect_eq "stdout" "$(cat out.txt)" "stdout-mark
stdout is not a terminal"
expect_eq "stderr has the script's line" "$(grep -c '^stderr-mark$' err.txt)" 1
expect_eq "no console in stdout or stderr" "$(grep -c '@@NDKIT\|Linux version' out.txt err.txt |
	cut -d: -f2 | sort -u)" 0
expect_eq "fsdax namespace" "$(jq -r '"\(.mode) \(.blockdev)"' fsdax.json)" "fsdax pmem0"
expect_eq "devdax namespace" "$(jq -r '"\(.mode) \(.daxregion.devices[0].chardev)"' devdax.json)" \
	"devdax dax1.0"
expect_eq "DIMMs" "$(jq -r '.dimms | map(.dev) | sort | join(" ")' list.json)" "nmem0 nmem1"
expect_eq "namespaces" "$(jq -r '[.regions[].namespaces[]?.mode] | sort | join(" ")' list.json)" \
	"devdax fsdax"
expect_eq "environment" "$(cat env.txt)" "1 1 2 $PWD"
expect_eq "process substitution (/dev/fd): ndkit and upstream list the same DIMMs" \
	"$(cat dimms.diff)" ""
finish run-namespaces
