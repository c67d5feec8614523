# SPDX-License-Identifier: GPL-2.0-only
# The README's demo: a disposable guest with two vNVDIMMs; ndkit labels them and creates an
# fsdax and a devdax namespace. Until an ndkit subcommand exists, upstream's is shown instead,
# and said so. Runs as a guest scenario (see tests/guest/README.md).
DIMMS="1G:128K:2M 1G:2M:128M"

# ndctl_cmd SUBCOMMAND: ndkit's ndctl if it has SUBCOMMAND, else upstream's, said plainly.
ndctl_cmd() {
	if ndctl --list-cmds | grep -qx "$1"; then
		echo ndctl
	else
		echo "# ndkit's '$1' is not built yet: showing upstream's (upstream-ndctl $1)" >&2
		echo upstream-ndctl
	fi
}

echo "# ndkit $(run ndctl --version) in a guest with $(count_devices nmem) vNVDIMMs"
run upstream-ndctl list -DRu
nd=$(ndctl_cmd init-labels)
run $nd disable-region all
run $nd init-labels -f all
run $nd enable-region all
nd=$(ndctl_cmd create-namespace)
run $nd create-namespace -r region0 -m fsdax -a 2M -s 256M
run $nd create-namespace -r region1 -m devdax -a 2M
run upstream-ndctl list -Nu
run ls -l /dev/pmem0 /dev/dax1.0
