#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --boots 2 runs COMMAND twice on the same backend files: a namespace made in boot 1 is there in
# boot 2. The label area saved in boot 2, given to --preload, brings its label into a fresh
# DIMM (the fsdax info block is in the data area, so there it is a raw namespace).
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
if [ "$NDKIT_BOOT" = 1 ]; then
	ndctl disable-region all >&2
	ndctl init-labels -f all >&2
	ndctl enable-region all >&2
	ndctl create-namespace -r region0 -m fsdax -s 512M -n keep-me | jq -r .uuid > uuid-1.txt
else
	ndctl list -N | jq -r '.[0].uuid' > "uuid-$NDKIT_BOOT.txt"
	ndctl disable-region all >&2
	ndctl read-labels -j nmem0 |
		jq -r '[.. | objects | select(.name? == "keep-me") | .uuid][0]' > label-uuid.txt
	ndctl read-labels -o labels.bin nmem0 >&2
fi
echo "$NDKIT_BOOT of $NDKIT_BOOTS" >> boots.txt
GUEST
chmod +x guest.sh
"$Q" run --quiet --boots 2 --keep vm --nvdimm 1G -- ./guest.sh
expect_eq "exit status" "$?" 0
expect_eq "boots" "$(cat boots.txt)" "1 of 2
2 of 2"
expect_eq "uuid kept" "$(cat uuid-2.txt)" "$(cat uuid-1.txt)"
expect_eq "--keep kept the backend" "$(stat -c %s vm/nvdimm0.img)" 1073741824
expect_eq "label area saved" "$(stat -c %s labels.bin)" 131072

cat > preloaded.sh <<'GUEST'
#!/bin/bash
ndctl list -N | jq -r '.[0] | "\(.uuid) \(.name) \(.mode)"' > preloaded.txt
GUEST
chmod +x preloaded.sh
"$Q" run --quiet --preload 0:labels.bin --nvdimm 1G -- ./preloaded.sh
expect_eq "preload exit status" "$?" 0
expect_eq "preloaded namespace" "$(cat preloaded.txt)" "$(cat label-uuid.txt) keep-me raw"
finish run-boots
