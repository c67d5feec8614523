// SPDX-License-Identifier: LGPL-2.1-or-later
/* Topology objects as upstream ndctl list's JSON: same keys, same order. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <daxctl/libdaxctl.h>
#include "internal.h"
#include "intel-dsm.h"
#include "util/json.h"

/*
 * Every key here is a string constant, added once per object: json-c need
 * neither copy it nor look for an earlier one (a strdup, a hash and a lookup
 * per key: 8 keys per namespace listed).
 */
static void add(struct json_object *obj, const char *key, struct json_object *val)
{
	json_object_object_add_ex(obj, key, val,
			JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
}

static void add_str(struct json_object *obj, const char *key, const char *val)
{
	add(obj, key, json_object_new_string(val));
}

/* NDCTL_JSON_HUMAN as lib/util's flag, for its sizes and hex numbers. */
static unsigned util_flags(unsigned flags)
{
	return flags & NDCTL_JSON_HUMAN ? UTIL_JSON_HUMAN : 0;
}

/* Upstream prints a zero size as a number even with -u. */
static struct json_object *size_json(unsigned long long bytes, unsigned flags)
{
	return util_json_size(bytes, bytes ? util_flags(flags) : 0);
}

static struct json_object *hex_json(unsigned long long value, unsigned flags)
{
	return util_json_hex(value, util_flags(flags));
}

/* The library's "unreadable" (ULLONG_MAX, as upstream's) is listed as 0. */
static unsigned long long known_or_0(unsigned long long v)
{
	return v == ULLONG_MAX ? 0 : v;
}

static void add_int(struct json_object *obj, const char *key, long long val)
{
	add(obj, key, json_object_new_int64(val));
}

static void add_bool(struct json_object *obj, const char *key, bool val)
{
	add(obj, key, json_object_new_boolean(val));
}

/* A firmware/activate value as upstream's enum ndctl_fwa_state reads it. */
static const char *fwa_state_name(struct nd_dev *dev, bool busy_ok)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(dev, "firmware/activate", buf))
		return NULL;
	if (!strcmp(buf, "idle") || !strcmp(buf, "armed") || (busy_ok && !strcmp(buf, "busy")))
		return buf[0] == 'i' ? "idle" : buf[0] == 'a' ? "armed" : "busy";
	return !busy_ok && !strcmp(buf, "overflow") ? "overflow" : NULL;
}

/*
 * As upstream: only when a DIMM of the bus can take a firmware update; the
 * method from firmware/capability ("quiesce": suspend, "live"; else or
 * absent: reset), the state as the kernel has it (busy is not shown).
 */
static struct json_object *bus_firmware_json(struct ndctl_bus *bus)
{
	struct json_object *j;
	struct ndctl_dimm *dimm;
	char buf[SYSFS_ATTR_SIZE];
	const char *state;

	ndctl_dimm_foreach(bus, dimm)
		if (dimm_intel_fw_updatable(dimm))
			break;
	if (!dimm)
		return NULL;
	j = json_object_new_object();
	if (nd_dev_read(&bus->dev, "firmware/capability", buf))
		buf[0] = 0;
	add_str(j, "activate_method", !strcmp(buf, "quiesce") ? "suspend"
			: !strcmp(buf, "live") ? "live" : "reset");
	state = fwa_state_name(&bus->dev, false);
	if (state)
		add_str(j, "activate_state", state);
	return j;
}

NDCTL_EXPORT struct json_object *ndctl_bus_to_json(struct ndctl_bus *bus, unsigned flags)
{
	struct json_object *j = json_object_new_object();
	int scrub = ndctl_bus_get_scrub_state(bus);
	struct json_object *fw;

	add_str(j, "provider", ndctl_bus_get_provider(bus));
	add_str(j, "dev", ndctl_bus_get_devname(bus));
	if (scrub < 0)		/* only buses with address range scrub (nfit_test, real NFITs) */
		return j;
	add_str(j, "scrub_state", scrub ? "active" : "idle");
	if ((flags & NDCTL_JSON_FIRMWARE) && (fw = bus_firmware_json(bus)))
		add(j, "firmware", fw);
	return j;
}

/* The NFIT's failure flags (upstream's keys and order), each only when set. */
static void add_dimm_flags(struct json_object *j, struct ndctl_dimm *dimm)
{
	static const struct {
		const char *key;
		int (*is_set)(struct ndctl_dimm *);
	} flags[] = {
		{ "flag_failed_map", ndctl_dimm_failed_map },
		{ "flag_failed_save", ndctl_dimm_failed_save },
		{ "flag_failed_arm", ndctl_dimm_failed_arm },
		{ "flag_failed_restore", ndctl_dimm_failed_restore },
		{ "flag_failed_flush", ndctl_dimm_failed_flush },
		{ "flag_smart_event", ndctl_dimm_smart_pending },
	};
	unsigned i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (flags[i].is_set(dimm))
			add(j, flags[i].key, json_object_new_boolean(true));
}

static void add_dimm_security(struct json_object *j, struct ndctl_dimm *dimm)
{
	const char *state = dimm_security_name(ndctl_dimm_get_security(dimm));

	if (state)
		add_str(j, "security", state);
	if (ndctl_dimm_security_is_frozen(dimm))
		add(j, "security_frozen", json_object_new_boolean(true));
}

static void add_celsius(struct json_object *j, const char *key, unsigned int raw)
{
	add(j, key, json_object_new_double(intel_temperature(raw)));
}

static const char *health_name(unsigned int health)
{
	return health & NDS_FATAL ? "fatal" : health & NDS_CRITICAL ? "critical"
		: health & NDS_NON_CRITICAL ? "non-critical" : "ok";
}

/* Upstream's smart_threshold_to_json: each alarm's enable, its threshold when enabled. */
static void add_thresholds(struct json_object *j, const struct nd_smart_threshold *t)
{
	bool mtemp = t->alarm_control & NDS_MTEMP_TRIP;
	bool ctemp = t->alarm_control & NDS_CTEMP_TRIP;
	bool spare = t->alarm_control & NDS_SPARE_TRIP;

	add_bool(j, "alarm_enabled_media_temperature", mtemp);
	if (mtemp)
		add_celsius(j, "temperature_threshold", t->media_temp);
	add_bool(j, "alarm_enabled_ctrl_temperature", ctemp);
	if (ctemp)
		add_celsius(j, "controller_temperature_threshold", t->ctrl_temp);
	add_bool(j, "alarm_enabled_spares", spare);
	if (spare)
		add_int(j, "spares_threshold", t->spares);
}

struct json_object *smart_to_json(const struct nd_smart *s, const struct nd_smart_threshold *t)
{
	struct json_object *j = json_object_new_object();

	if (s->rc < 0) {	/* sent, and the kernel or the firmware failed it */
		add_str(j, "health_state", "unknown");
		return j;
	}
	if (s->flags & NDS_HEALTH_VALID)
		add_str(j, "health_state", health_name(s->health));
	if (s->flags & NDS_MTEMP_VALID)
		add_celsius(j, "temperature_celsius", s->media_temp);
	if (s->flags & NDS_CTEMP_VALID)
		add_celsius(j, "controller_temperature_celsius", s->ctrl_temp);
	if (s->flags & NDS_SPARES_VALID)
		add_int(j, "spares_percentage", s->spares);
	if (s->flags & NDS_ALARM_VALID) {
		add_bool(j, "alarm_temperature", s->alarm_flags & NDS_MTEMP_TRIP);
		add_bool(j, "alarm_controller_temperature", s->alarm_flags & NDS_CTEMP_TRIP);
		add_bool(j, "alarm_spares", s->alarm_flags & NDS_SPARE_TRIP);
	}
	if (t && t->rc == 0)
		add_thresholds(j, t);
	if (s->flags & NDS_USED_VALID)
		add_int(j, "life_used_percentage", s->life_used);
	if (s->flags & NDS_SHUTDOWN_VALID)
		add_str(j, "shutdown_state", s->shutdown_state ? "dirty" : "clean");
	if (s->flags & NDS_SHUTDOWN_COUNT_VALID)
		add_int(j, "shutdown_count", s->shutdown_count);
	return j;
}

/* No key at all for a DIMM without the SMART function (QEMU's), as upstream. */
static void add_dimm_health(struct json_object *j, struct ndctl_dimm *dimm)
{
	struct nd_smart_threshold t;
	struct nd_smart s;

	if (!dimm_intel_supports(dimm, ND_INTEL_FN_SMART))
		return;
	dimm_read_smart(dimm, &s);
	if (s.rc == 0)
		dimm_read_threshold(dimm, &t);
	add(j, "health", smart_to_json(&s, s.rc == 0 ? &t : NULL));
}

/*
 * Upstream's need_powercycle: the last activation did not end in none,
 * success or not_staged, or its result cannot be read.
 */
static bool need_powercycle(const char *result)
{
	return !result || (strcmp(result, "none") && strcmp(result, "success") &&
			strcmp(result, "not_staged"));
}

struct json_object *fw_info_to_json(const struct nd_fw_info *f, int updatable,
		const char *activate, const char *result, unsigned flags)
{
	struct json_object *j = json_object_new_object();

	if (f->rc < 0) {	/* upstream's -1 as a version */
		add(j, "current_version", hex_json(ULLONG_MAX, flags));
		return j;
	}
	add(j, "current_version", hex_json(f->run_version, flags));
	add_bool(j, "can_update", updatable);
	if (!f->updated_version)	/* nothing staged */
		return j;
	add(j, "next_version", hex_json(f->updated_version, flags));
	if (activate)
		add_str(j, "activate_state", activate);
	if (need_powercycle(result))
		add_bool(j, "need_powercycle", true);
	return j;
}

static void add_dimm_firmware(struct json_object *j, struct ndctl_dimm *dimm, unsigned flags)
{
	char result[SYSFS_ATTR_SIZE];
	struct nd_fw_info f;

	if (!dimm_intel_supports(dimm, ND_INTEL_FN_FW_GET_INFO))
		return;
	dimm_read_fw_info(dimm, &f);
	if (nd_dev_read(&dimm->dev, "firmware/result", result))
		result[0] = 0;
	add(j, "firmware", fw_info_to_json(&f, dimm_intel_fw_updatable(dimm),
			fwa_state_name(&dimm->dev, true), result[0] ? result : NULL, flags));
}

NDCTL_EXPORT struct json_object *ndctl_dimm_to_json(struct ndctl_dimm *dimm, unsigned flags)
{
	struct json_object *j = json_object_new_object();
	const char *id = ndctl_dimm_get_unique_id(dimm);
	unsigned int handle = ndctl_dimm_get_handle(dimm);
	unsigned short phys_id = ndctl_dimm_get_phys_id(dimm);

	add_str(j, "dev", ndctl_dimm_get_devname(dimm));
	if (id && id[0])	/* no key when absent (NULL), as upstream; nor when empty, as before */
		add_str(j, "id", id);
	/* absent (all ones) off NFIT (e820, CXL): no key, as upstream */
	if (handle != UINT_MAX)
		add(j, "handle", hex_json(handle, flags));
	if (phys_id != USHRT_MAX)
		add(j, "phys_id", hex_json(phys_id, flags));
	if (!ndctl_dimm_is_enabled(dimm))
		add_str(j, "state", "disabled");
	add_dimm_flags(j, dimm);
	add_dimm_security(j, dimm);
	if (flags & NDCTL_JSON_FIRMWARE)
		add_dimm_firmware(j, dimm, flags);
	if (flags & NDCTL_JSON_HEALTH)
		add_dimm_health(j, dimm);
	return j;
}

NDCTL_EXPORT struct json_object *ndctl_mapping_to_json(struct ndctl_mapping *m,
		unsigned flags)
{
	struct json_object *j = json_object_new_object();
	struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);

	add_str(j, "dimm", dimm ? ndctl_dimm_get_devname(dimm) : "unknown");
	add(j, "offset", hex_json(ndctl_mapping_get_offset(m), flags));
	add(j, "length", hex_json(ndctl_mapping_get_length(m), flags));
	if (ndctl_mapping_get_position(m) >= 0)
		add_int(j, "position", ndctl_mapping_get_position(m));
	return j;
}

/* "4096 2097152 1073741824" or "512 [4096]" into a JSON array of numbers. */
static struct json_object *number_list(const char *text)
{
	struct json_object *arr = json_object_new_array();
	const char *p = text;

	while (*p) {
		char *end;
		unsigned long long v;

		while (*p == ' ' || *p == '[' || *p == ']')
			p++;
		if (!*p)
			break;
		v = strtoull(p, &end, 0);
		if (end == p)
			break;
		json_object_array_add(arr, util_json_u64(v));
		p = end;
	}
	return arr;
}

static void add_capability(struct json_object *caps, const char *mode,
		const char *key, const char *values)
{
	struct json_object *j;

	if (!values[0])
		return;
	j = json_object_new_object();
	add_str(j, "mode", mode);
	add(j, key, number_list(values));
	json_object_array_add(caps, j);
}

/*
 * Upstream v81 (def79df): a mode for each seed the region has, so a kernel
 * without BTT still shows fsdax and devdax (76.1 showed nothing unless all
 * three seeds were there); no key at all when it has none (a disabled region).
 */
static struct json_object *capabilities_json(struct ndctl_region *region)
{
	struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	struct json_object *caps;
	char buf[1024];

	if (!btt && !pfn && !dax)
		return NULL;
	caps = json_object_new_array();
	if (btt)
		add_capability(caps, "sector", "sector_sizes",
				ndctl_btt_get_supported_sector_sizes(btt, buf));
	if (pfn)
		add_capability(caps, "fsdax", "alignments",
				ndctl_pfn_get_supported_alignments(pfn, buf));
	if (dax)
		add_capability(caps, "devdax", "alignments",
				ndctl_dax_get_supported_alignments(dax, buf));
	return caps;
}

static void add_nodes(struct json_object *j, int numa, int target)
{
	if (numa >= 0)
		add_int(j, "numa_node", numa);
	if (target >= 0)
		add_int(j, "target_node", target);
}

NDCTL_EXPORT struct json_object *ndctl_region_to_json(struct ndctl_region *region,
		unsigned flags)
{
	struct json_object *j = json_object_new_object();
	unsigned long long cookie = ndctl_region_get_iset_cookie(region);
	unsigned long align = ndctl_region_get_align(region);
	struct json_object *caps;

	add_str(j, "dev", ndctl_region_get_devname(region));
	add(j, "size", size_json(ndctl_region_get_size(region), flags));
	add(j, "align", size_json(align == ULONG_MAX ? 0 : align, flags));
	add(j, "available_size", size_json(known_or_0(ndctl_region_get_available_size(region)),
			flags));
	add(j, "max_available_extent",
			size_json(known_or_0(ndctl_region_get_max_available_extent(region)), flags));
	add_str(j, "type", ndctl_region_get_type_name(region));
	if (flags & NDCTL_JSON_VERBOSE)
		add_nodes(j, ndctl_region_get_numa_node(region),
				ndctl_region_get_target_node(region));
	if (cookie)
		add(j, "iset_id", hex_json(cookie, flags));
	if ((flags & NDCTL_JSON_MAPPINGS) && ndctl_mapping_get_first(region)) {	/* none: no key, as upstream */
		struct json_object *maps = json_object_new_array();
		struct ndctl_mapping *m;

		ndctl_mapping_foreach(region, m)
			json_object_array_add(maps, ndctl_mapping_to_json(m, flags));
		add(j, "mappings", maps);
	}
	if (!ndctl_region_is_enabled(region))
		add_str(j, "state", "disabled");
	nd_region_badblocks_json(j, region, flags);
	if ((flags & NDCTL_JSON_CAPABILITIES) && (caps = capabilities_json(region)))
		add(j, "capabilities", caps);
	add_str(j, "persistence_domain", ndctl_region_get_persistence_domain_name(region));
	return j;
}

static void add_uuid(struct json_object *j, const char *key, const uuid_t uu)
{
	add(j, key, util_json_uuid(uu));
}

/*
 * The dax region under a devdax namespace, as libdaxctl sees it (the same
 * object `daxctl list -R` prints, without its path), through the context's
 * own daxctl context (ndctl_get_daxctl_ctx: the same sysfs root).
 */
static struct json_object *daxregion_json(struct ndctl_namespace *ndns, struct ndctl_dax *dax,
		unsigned f)
{
	struct ndctl_ctx *ctx = ndctl_namespace_get_ctx(ndns);
	struct daxctl_ctx *dctx = ndctl_get_daxctl_ctx(ctx);
	const char *root = ndctl_get_root(ctx);
	struct daxctl_region *region;
	char path[512];

	if (!dctx)
		return NULL;
	if (snprintf(path, sizeof(path), "%s/sys/bus/nd/devices/%s",
			strcmp(root, "/") ? root : "", ndctl_dax_get_devname(dax)) >= (int)sizeof(path))
		return NULL;
	region = daxctl_region_get_by_path(dctx, path);
	if (!region)
		return NULL;
	return daxctl_region_to_json(region, NULL, DAXCTL_JSON_DEVICES | DAXCTL_JSON_NO_PATH |
			((f & NDCTL_JSON_HUMAN) ? DAXCTL_JSON_HUMAN : 0));
}

/* The part that depends on the personality: size, uuids, device names. */
struct ns_view {
	unsigned long long size;
	bool has_persona, has_uuid;
	uuid_t uuid;
	unsigned int sector_size;
	unsigned long align;
	const char *blockdev;
};

static void view_namespace(struct ndctl_namespace *ndns, struct ns_view *v)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);

	memset(v, 0, sizeof(*v));
	v->size = ndctl_namespace_get_size(ndns);
	v->sector_size = ndctl_namespace_get_sector_size(ndns);
	if (!v->sector_size || v->sector_size == UINT_MAX)	/* none, or none chosen yet */
		v->sector_size = 512;
	v->blockdev = ndctl_namespace_get_block_device(ndns);
	v->has_uuid = ndctl_namespace_has_uuid(ndns);
	ndctl_namespace_get_uuid(ndns, v->uuid);
	v->has_persona = pfn || dax || btt;
	/* A personality's size, as upstream: none to show while it is unbound. */
	if (pfn) {
		v->size = ndctl_pfn_get_size(pfn);
		v->align = ndctl_pfn_get_align(pfn);
		v->blockdev = ndctl_pfn_get_block_device(pfn);
		ndctl_pfn_get_uuid(pfn, v->uuid);
	} else if (dax) {
		v->size = ndctl_dax_get_size(dax);
		v->align = ndctl_dax_get_align(dax);
		ndctl_dax_get_uuid(dax, v->uuid);
	} else if (btt) {
		v->size = ndctl_btt_get_size(btt);
		v->sector_size = ndctl_btt_get_sector_size(btt);
		v->blockdev = ndctl_btt_get_block_device(btt);
		ndctl_btt_get_uuid(btt, v->uuid);
	}
	v->has_uuid = v->has_uuid || v->has_persona;
}

static void add_devdax_part(struct json_object *j, struct ndctl_namespace *ndns,
		struct ndctl_dax *dax, const struct ns_view *v, unsigned flags)
{
	const char *chardev = ndctl_dax_get_chardev(dax);
	struct json_object *region;

	if (chardev[0] && (flags & NDCTL_JSON_DAX)) {
		region = daxregion_json(ndns, dax, flags);
		if (region)
			add(j, "daxregion", region);
	} else if (chardev[0])
		add_str(j, "chardev", chardev);
	add(j, "align", util_json_u64(v->align));
}

NDCTL_EXPORT struct json_object *ndctl_namespace_to_json(struct ndctl_namespace *ndns,
		unsigned flags)
{
	struct json_object *j = json_object_new_object();
	enum ndctl_namespace_mode mode = ndctl_namespace_get_mode(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	bool verbose = flags & NDCTL_JSON_VERBOSE;
	struct ns_view v;

	view_namespace(ndns, &v);
	add_str(j, "dev", ndctl_namespace_get_devname(ndns));
	add_str(j, "mode", ndctl_namespace_mode_name(mode));
	if (mode == NDCTL_NS_MODE_FSDAX || mode == NDCTL_NS_MODE_DEVDAX) {
		/* fsdax without a pfn: a legacy (e820) namespace, its pages in RAM, as upstream */
		enum ndctl_pfn_loc loc = pfn ? ndctl_pfn_get_location(pfn)
			: dax ? ndctl_dax_get_location(dax)
			: mode == NDCTL_NS_MODE_FSDAX ? NDCTL_PFN_LOC_RAM : NDCTL_PFN_LOC_NONE;

		if (loc != NDCTL_PFN_LOC_NONE)
			add_str(j, "map", loc == NDCTL_PFN_LOC_RAM ? "mem" : "dev");
	}
	if (v.size != ULLONG_MAX)
		add(j, "size", size_json(v.size, flags));
	if (v.has_uuid)
		add_uuid(j, "uuid", v.uuid);
	if (verbose && v.has_persona) {
		uuid_t raw;

		ndctl_namespace_get_uuid(ndns, raw);
		add_uuid(j, "raw_uuid", raw);
	}
	if (dax) {
		add_devdax_part(j, ndns, dax, &v, flags);
	} else {
		add_int(j, "sector_size", v.sector_size);
		if (pfn)	/* a legacy fsdax namespace has no align of its own */
			add(j, "align", util_json_u64(v.align));
		if (v.blockdev[0])
			add_str(j, "blockdev", v.blockdev);
	}
	if (!ndctl_namespace_is_active(ndns))
		add_str(j, "state", "disabled");
	const char *name = ndctl_namespace_get_alt_name(ndns);

	if (name[0])
		add_str(j, "name", name);
	if (verbose)
		add_nodes(j, ndctl_namespace_get_numa_node(ndns),
				ndctl_namespace_get_target_node(ndns));
	nd_namespace_badblocks_json(j, ndns, flags);
	return j;
}
