# SPDX-License-Identifier: GPL-2.0-only
# ndkit creates fsdax, devdax, sector and raw namespaces with names and uuids on a 128 KiB and a
# 2 MiB label area; upstream sees exactly that; ndkit's list prints what upstream's prints for
# the same state; I/O on the fsdax block device round-trips; fsdax -> devdax; destroy all.
DIMMS="1G:128K:2M 1G:2M:128M"

# Labels come from upstream here (init-labels is the label engine's); the rest is ndkit's.
run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all

# uuid of mode M (1..4) in region R: ...5555555555MR
U=11111111-2222-4333-8444-5555555555
for r in 0 1; do
	run ndctl create-namespace -r region$r -m fsdax -a 2M -s 256M -n fs$r -u ${U}1$r > /tmp/c1
	run ndctl create-namespace -r region$r -m devdax -a 2M -s 256M -n dd$r -u ${U}2$r > /tmp/c2
	run ndctl create-namespace -r region$r -m sector -s 64M -n sec$r -u ${U}3$r > /tmp/c3
	run ndctl create-namespace -r region$r -m raw -s 32M -n raw$r -u ${U}4$r > /tmp/c4
	expect_match '"mode":"fsdax"' "$(cat /tmp/c1)"
	expect_match '"chardev":"dax' "$(cat /tmp/c2)"
	expect_match '"sector_size":4096' "$(cat /tmp/c3)"
	expect_match '"mode":"raw"' "$(cat /tmp/c4)"
done

# upstream sees what ndkit created: names, raw uuids, modes, sizes, aligns
run upstream-ndctl list -N -v > /tmp/up.json
[ "$(jq length /tmp/up.json)" = 8 ] || fail "upstream lists $(jq length /tmp/up.json) namespaces, want 8" "$(cat /tmp/up.json)"
for r in 0 1; do
	for pair in fs:fsdax:${U}1$r dd:devdax:${U}2$r sec:sector:${U}3$r raw:raw:${U}4$r; do
		name=${pair%%:*}$r rest=${pair#*:}
		mode=${rest%%:*} uuid=${rest#*:}
		got=$(jq -r ".[] | select(.name == \"$name\") | .mode + \" \" + (.raw_uuid // .uuid)" /tmp/up.json)
		[ "$got" = "$mode $uuid" ] || fail "upstream sees $name as '$got', want '$mode $uuid'" "$(cat /tmp/up.json)"
	done
done
jq -e '[.[] | select(.mode == "fsdax" or .mode == "devdax") | .align == 2097152] | all' /tmp/up.json > /dev/null ||
	fail "an fsdax/devdax namespace is not 2M aligned" "$(cat /tmp/up.json)"

# ndkit list == upstream list, byte for byte, for the same state
# -X (the dax region, through libdaxctl) and -vvv too, with devdax namespaces present
for flags in "" -N -Ni -Nv -Nu -R -RN -RNi -DRN -BDRN -Dv -Nvv -Nvvv -vvv -RC -X -NX -NXu -RNX "-r region1 -N" "-m devdax" "-m devdax -X" "-m sector -N" "-d nmem0 -R"; do
	# shellcheck disable=SC2086
	upstream-ndctl list $flags > /tmp/a.json 2>&1
	# shellcheck disable=SC2086
	ndctl list $flags > /tmp/b.json 2>&1
	cmp -s /tmp/a.json /tmp/b.json || fail "ndctl list $flags differs from upstream" "$(diff /tmp/a.json /tmp/b.json | head -30)"
done

# I/O round trip on the fsdax block device
dev=$(jq -r '.[] | select(.name == "fs0") | .blockdev' /tmp/up.json)
dd if=/dev/urandom of=/tmp/pattern bs=1M count=4 2>/dev/null
run dd if=/tmp/pattern of=/dev/$dev bs=1M count=4 seek=8 conv=fsync
run dd if=/dev/$dev of=/tmp/back bs=1M count=4 skip=8
cmp -s /tmp/pattern /tmp/back || fail "data read back from /dev/$dev differs from what was written"

# reconfigure fsdax -> devdax in place, as upstream: the same namespace keeps its name,
# size and the -u given; without -u it gets a new uuid (upstream generates one)
ns=$(jq -r '.[] | select(.name == "fs0") | .dev' /tmp/up.json)
run ndctl create-namespace -f -e "$ns" -m devdax -a 2M -u ${U}50 > /tmp/re.json
run upstream-ndctl list -N -v > /tmp/up2.json
got=$(jq -r ".[] | select(.name == \"fs0\") | .dev + \" \" + .mode + \" \" + .raw_uuid" /tmp/up2.json)
[ "$got" = "$ns devdax ${U}50" ] || fail "after reconfigure upstream sees fs0 as '$got'" "$(cat /tmp/up2.json)"
ns=$(jq -r '.[] | select(.name == "dd0") | .dev' /tmp/up.json)
run ndctl create-namespace -f -e "$ns" -m fsdax > /tmp/re.json
got=$(jq -r '.dev + " " + .mode + " " + .uuid' /tmp/re.json)
case $got in "$ns fsdax ${U}20") fail "reconfigure kept the uuid; upstream gives a new one" ;;
"$ns fsdax "*) ;; *) fail "reconfigure of $ns (dd0) gave '$got'" "$(cat /tmp/re.json)" ;; esac

# destroy all: every configured namespace goes, seeds are not counted
out=$(run ndctl destroy-namespace -f all 2>&1)
expect_match 'destroyed 8 namespaces' "$out"
[ -z "$(upstream-ndctl list -N)" ] || fail "namespaces left after destroy all" "$(upstream-ndctl list -N)"
