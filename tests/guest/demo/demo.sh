# SPDX-License-Identifier: GPL-2.0-only
# The README's demo: a disposable guest with two vNVDIMMs; ndkit labels them and creates an
# fsdax and a devdax namespace, 2 MiB aligned; upstream ndctl, in the same guest, sees them.
# Runs as a guest scenario (see tests/guest/README.md).
DIMMS="1G:128K:2M 1G:2M:128M"

echo "# ndkit $(run ndctl --version) in a guest with $(count_devices nmem) vNVDIMMs"
run ndctl list -DRu
run ndctl disable-region all
run ndctl init-labels -f all
run ndctl enable-region all
run ndctl create-namespace -r region0 -m fsdax -a 2M -s 256M
run ndctl create-namespace -r region1 -m devdax -a 2M
run ndctl list -Nu
echo "# what upstream ndctl sees in the same guest:"
run upstream-ndctl list -N
run ls -l /dev/pmem0 /dev/dax1.0
