# SPDX-License-Identifier: GPL-2.0-only
# A label area captured from a real kernel, written into the backend's tail before boot, is
# accepted by the guest kernel: it assembles the label-managed namespaces it describes.
# Slot order and sizes match the capture (the interleave-set cookie depends on them).
DIMMS="1G:128K:2M 1G:2M:128M"
PRELOAD="0:nvdimm0-v1.2-after-create.lsa.gz"
DATA="nvdimm0-v1.2-after-create.expected.json"

run upstream-ndctl list -N > /tmp/ns.json
# Expected: the labels in use, uuid and raw size, from the capture's decoded state.
jq '[.labels[] | {uuid, size: .rawsize}] | sort_by(.uuid)' \
	/ndkit/data/nvdimm0-v1.2-after-create.expected.json > /tmp/want.json
# Label-managed namespaces on region0 only; nmem1 has no labels, so its raw namespace
# has no uuid. fsdax/sector sizes are usable sizes: compare raw sizes from sysfs.
jq '[(if type == "array" then . else [.] end)[] | select(.uuid) ] | map({uuid, dev}) | sort_by(.uuid)' /tmp/ns.json > /tmp/got-ns.json
for dev in $(jq -r '.[].dev' /tmp/got-ns.json); do
	echo "{\"dev\": \"$dev\", \"size\": $(cat /sys/bus/nd/devices/$dev/size)}"
done | jq -s . > /tmp/sizes.json
jq --slurpfile s /tmp/sizes.json 'map(. as $n | {uuid, size: ($s[0][] | select(.dev == $n.dev) | .size)})' \
	/tmp/got-ns.json > /tmp/got.json
cat /tmp/got.json
json_same /tmp/want.json /tmp/got.json
