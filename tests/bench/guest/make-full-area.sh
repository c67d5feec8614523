# SPDX-License-Identifier: GPL-2.0-only
# Not a benchmark: makes full-area-4g.lsa.gz, the preload of bench-full-area.sh. Upstream
# ndctl fills a 4 GiB DIMM (2 MiB label area) with 240 raw 16 MiB namespaces, one label each;
# then, on the host: tail -c 2097152 build/tests/guest/run/make-full-area/nv0.img | gzip -9
DIMMS="4G:2M:128M"
TIMEOUT=1200

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
n=0
while [ "$n" -lt 240 ]; do
	run upstream-ndctl create-namespace -r region0 -m raw -s 16M > /dev/null
	n=$((n + 1))
	[ $((n % 40)) != 0 ] || echo "@@FILL $n namespaces at $(now_ms)" > /dev/console
done
