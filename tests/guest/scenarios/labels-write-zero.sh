# SPDX-License-Identifier: GPL-2.0-only
# write-labels of a dump brings back the namespace upstream created, uuid and all;
# zero-labels leaves nothing upstream accepts, and after a reboot the region is label-less
# (raw) again (the kernel keeps a DIMM's "labeling" flag until reboot).
DIMMS="1G:128K:2M"
BOOTS=2

if [ "$NDKIT_BOOT" = 2 ]; then
	expect_match "^4\$" "$(cat /sys/bus/nd/devices/region0/nstype)"
	expect_fail "." upstream-ndctl check-labels nmem0
	exit 0
fi

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f -V 1.2 nmem0
run upstream-ndctl enable-region all
uuid=$(run upstream-ndctl create-namespace -r region0 -m fsdax -s 128M -n keepme | jq -r .uuid)
run ndctl read-labels -o /tmp/dump nmem0
run upstream-ndctl disable-region all

out=$(run ndctl zero-labels nmem0 2>&1)
expect_match "zeroed 1 nmem\$" "$out"
run upstream-ndctl read-labels -o /tmp/zero nmem0
[ "$(wc -c < /tmp/zero)" -eq "$(wc -c < /tmp/dump)" ] || fail "upstream dump size differs"
[ -z "$(tr -d '\000' < /tmp/zero)" ] || fail "zero-labels left bytes behind"
expect_fail "." upstream-ndctl check-labels nmem0
run upstream-ndctl enable-region all
if upstream-ndctl list -N | grep -q "$uuid"; then fail "namespace survived zero-labels"; fi
run upstream-ndctl disable-region all

out=$(run ndctl write-labels -i /tmp/dump nmem0 2>&1)
expect_match "wrote 1 nmem\$" "$out"
run upstream-ndctl read-labels -o /tmp/back nmem0
run cmp /tmp/dump /tmp/back
run upstream-ndctl enable-region all
expect_match "$uuid" "$(run upstream-ndctl list -N)"

# as a non-root user: refused with a one-line reason, nothing written
# a copy nobody may run: the build tree may not be readable to others (a CI clone in a
# mktemp -d folder); the busybox initramfs is root-only as a whole, so there the system
# folders are opened too (this boot's tmpfs only; under ndctl-qemu run the host's userspace
# already lets nobody in, and a chmod -R there would copy all of /usr into the overlay)
grep -q '^nobody:' /etc/passwd 2>/dev/null || echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> /etc/passwd
nd=/tmp/ndctl-for-nobody
cp "$(command -v ndctl)" "$nd"
chmod 0755 "$nd"
if ! su -s /bin/sh nobody -c "$nd --version" > /dev/null 2>&1; then
	chmod o+rx /
	for d in /bin /sbin /usr /lib /lib64 /ndkit /etc; do [ ! -e $d ] || chmod -R o+rX $d; done
fi
run su -s /bin/sh nobody -c "$nd --version"
expect_fail "root" su -s /bin/sh nobody -c "$nd read-labels -j nmem0"
expect_fail "root" su -s /bin/sh nobody -c "$nd zero-labels nmem0"
run ndctl read-labels -o /tmp/still nmem0
run cmp /tmp/dump /tmp/still

# for boot 2: nothing left
run upstream-ndctl disable-region all
run ndctl zero-labels nmem0
