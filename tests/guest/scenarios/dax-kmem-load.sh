# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device -m system-ram loads kmem through libkmod when it is not
# loaded, and without a kmem module refuses with the fix and changes nothing.
# libkmod is opened with dlopen() only then: without libkmod.so.2 the same
# refusal names the library to install.
DIMMS="1G:128K:2M 1G:2M:128M"
# nmem1's captured labels bring back namespace1.0; upstream ndctl makes it devdax
# (the info block lives in the data area, which the capture does not hold).
PRELOAD="1:nvdimm1-v1.1-after-create.lsa.gz"
TIMEOUT=360

run upstream-ndctl create-namespace -f -e namespace1.0 -m devdax -a 2M
run rmmod kmem
ko=$(module_file kmem)
[ -n "$ko" ] || fail "no kmem.ko in the guest"
run mv "$ko" /tmp/kmem.ko
expect_fail "kmem driver not available: .*modprobe kmem" daxctl reconfigure-device -m system-ram dax1.0
[ "$(basename "$(readlink /sys/bus/dax/devices/dax1.0/driver)")" = device_dax ] ||
	fail "dax1.0 left device_dax after the refusal"

run mv /tmp/kmem.ko "$ko"
kmod_lib=$(library_file libkmod.so.2)
[ -n "$kmod_lib" ] || fail "no libkmod.so.2 in the guest"
run mv "$kmod_lib" /tmp/libkmod.so.2
# only ndkit runs while libkmod is away: upstream's tools link it
run daxctl list -d dax1.0 >/dev/null
expect_fail "install libkmod2 .*libkmod.so.2" daxctl reconfigure-device -m system-ram dax1.0
[ "$(basename "$(readlink /sys/bus/dax/devices/dax1.0/driver)")" = device_dax ] ||
	fail "dax1.0 left device_dax after the refusal without libkmod"
grep -q "^kmem " /proc/modules && fail "kmem loaded without libkmod"
run mv /tmp/libkmod.so.2 "$kmod_lib"
out=$(run daxctl reconfigure-device -m system-ram dax1.0 2>&1)
expect_match "reconfigured 1 device$" "$out"
grep -q "^kmem " /proc/modules || fail "kmem not loaded" "$(cat /proc/modules)"
[ "$(run upstream-daxctl list -d dax1.0 | jq -r '.[0].mode')" = system-ram ] ||
	fail "upstream does not see dax1.0 in system-ram mode"
