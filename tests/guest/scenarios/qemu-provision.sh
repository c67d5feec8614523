# SPDX-License-Identifier: GPL-2.0-only
# Namespaces written on the host by `ndctl-qemu provision` (labels with each slot's
# interleave-set cookie, fsdax/devdax info blocks) are there at the first boot: upstream
# `ndctl list -N -v` shows each with the uuid, name, mode and size that `ndctl-qemu inspect`
# predicted on the host. DIMM 0 has v1.2 labels (modes also in the abstraction GUID), DIMM 1
# v1.1 labels (modes from the info block only). A second boot shows they stay.
DIMMS="1G:128K:2M 1G:2M:128M"
BOOTS=2
HOST_SETUP='bash "$SCENARIO_DIR/qemu-provision.host"'

run upstream-ndctl list -N -v > /tmp/list.json
cat /tmp/list.json
# In fsdax/devdax mode upstream's "uuid" is the pfn/dax device's; the namespace's is raw_uuid.
jq '[(if type == "array" then . else [.] end)[] | {uuid: (.raw_uuid // .uuid), name, mode, size}]
	| sort_by(.uuid)' /tmp/list.json > /tmp/got.json
json_same /ndkit/data/want.json /tmp/got.json
