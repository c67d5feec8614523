// SPDX-License-Identifier: GPL-2.0-only
/*
 * DIMM health and firmware as `ndctl list -H/-F` print them, from the output
 * payloads nfit_test's Intel-family DSMs return (tools/testing/nvdimm/test/
 * nfit.c: smart_def, its threshold defaults, firmware info), byte for byte as
 * the kernel copies them out: decoded at upstream's offsets, then rendered as
 * upstream 76.1 printed them on that kernel. Failed calls and firmware
 * statuses give upstream's fallbacks.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "../test.h"
#include "topo-test.h"
#include "../../../lib/ndctl/topology/intel-dsm.h"

static void put(uint8_t *p, unsigned int off, unsigned long long v, unsigned int bytes)
{
	for (unsigned int i = 0; i < bytes; i++)
		p[off + i] = (uint8_t)(v >> (8 * i));
}

/* smart_def: health, spares, alarm, used, shutdown, shutdown count, media and ctrl temp valid */
static void nfit_test_smart(uint8_t out[ND_INTEL_SMART_OUT_SIZE])
{
	memset(out, 0, ND_INTEL_SMART_OUT_SIZE);
	put(out, 4, 1 | 2 | 1 << 9 | 4 | 1 << 10 | 1 << 5 | 8 | 16, 4);
	out[12] = 1;			/* non-critical */
	out[13] = 75;			/* spares */
	out[14] = 5;			/* life used */
	out[15] = 1 | 2;		/* spare and temperature trips */
	put(out, 16, 23 * 16, 2);
	put(out, 18, 25 * 16, 2);
	put(out, 20, 42, 4);		/* shutdown count */
	out[24] = 1;			/* ait status */
	put(out, 25, 40 * 16, 2);	/* pmic temperature */
	out[35] = 0;			/* clean */
}

static void nfit_test_threshold(uint8_t out[ND_INTEL_THRESHOLD_OUT_SIZE])
{
	memset(out, 0, ND_INTEL_THRESHOLD_OUT_SIZE);
	put(out, 4, 1 | 2, 2);		/* spare and media temperature alarms */
	out[6] = 5;
	put(out, 7, 40 * 16, 2);
	put(out, 9, 30 * 16, 2);
}

static void check_json(struct json_object *j, const char *want)
{
	CHECK_EQ_STR(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN), want);
	json_object_put(j);
}

static void test_smart(void)
{
	uint8_t out[ND_INTEL_SMART_OUT_SIZE], th[ND_INTEL_THRESHOLD_OUT_SIZE];
	struct nd_smart_threshold t;
	struct nd_smart s;

	nfit_test_smart(out);
	nfit_test_threshold(th);
	intel_smart_decode(0, out, sizeof(out), &s);
	intel_threshold_decode(0, th, sizeof(th), &t);
	CHECK_EQ_U64(s.rc, 0);
	CHECK_EQ_U64(s.spares, 75);
	CHECK_EQ_U64(s.media_temp, 23 * 16);
	CHECK_EQ_U64(s.shutdown_count, 42);
	CHECK_EQ_U64(t.rc, 0);
	CHECK_EQ_U64(t.media_temp, 40 * 16);
	check_json(smart_to_json(&s, &t),
		"{\"health_state\":\"non-critical\",\"temperature_celsius\":23.0,"
		"\"controller_temperature_celsius\":25.0,\"spares_percentage\":75,"
		"\"alarm_temperature\":true,\"alarm_controller_temperature\":false,"
		"\"alarm_spares\":true,\"alarm_enabled_media_temperature\":true,"
		"\"temperature_threshold\":40.0,\"alarm_enabled_ctrl_temperature\":false,"
		"\"alarm_enabled_spares\":true,\"spares_threshold\":5,"
		"\"life_used_percentage\":5,\"shutdown_state\":\"clean\",\"shutdown_count\":42}");

	/* fatal wins, a dirty shutdown, a negative temperature; thresholds unreadable */
	out[12] = 1 | 4;
	out[35] = 1;
	put(out, 16, 0x8000 | 8, 2);
	put(out, 4, 1 | 8 | 1 << 10, 4);
	intel_smart_decode(0, out, sizeof(out), &s);
	t.rc = -ENXIO;
	check_json(smart_to_json(&s, &t),
		"{\"health_state\":\"fatal\",\"temperature_celsius\":-0.5,"
		"\"shutdown_state\":\"dirty\"}");
	/* controller temperature alarm enabled: its threshold */
	put(th, 4, 4, 2);
	intel_threshold_decode(0, th, sizeof(th), &t);
	put(out, 4, 0, 4);
	intel_smart_decode(0, out, sizeof(out), &s);
	check_json(smart_to_json(&s, &t),
		"{\"alarm_enabled_media_temperature\":false,\"alarm_enabled_ctrl_temperature\":true,"
		"\"controller_temperature_threshold\":30.0,\"alarm_enabled_spares\":false}");

	/* a firmware failure (status 4, hardware error): upstream's "unknown" */
	put(out, 0, 4, 4);
	intel_smart_decode(0, out, sizeof(out), &s);
	CHECK_EQ_U64(s.rc, (uint64_t)-EIO);
	check_json(smart_to_json(&s, NULL), "{\"health_state\":\"unknown\"}");
	/* a payload too short for its fields */
	put(out, 0, 0, 4);
	intel_smart_decode(0, out, 20, &s);
	CHECK(s.rc < 0);
	/* the ioctl failed: its errno, whatever the buffer holds */
	intel_smart_decode(-ENOTTY, out, sizeof(out), &s);
	CHECK_EQ_U64(s.rc, (uint64_t)-ENOTTY);
}

static void test_firmware(void)
{
	uint8_t out[ND_INTEL_FW_INFO_OUT_SIZE] = { 0 };
	struct nd_fw_info f;

	/* nfit_test: fis version 0x0108, running version 0, nothing staged */
	put(out, 24, 0x0108, 4);
	intel_fw_info_decode(0, out, sizeof(out), &f);
	CHECK_EQ_U64(f.rc, 0);
	check_json(fw_info_to_json(&f, 1, "idle", "none", 0),
		"{\"current_version\":0,\"can_update\":true}");
	/* a staged version: the DIMM's activation state; a failed last activation */
	put(out, 28, 0x1234, 8);
	put(out, 36, 0x100000002ULL, 8);
	intel_fw_info_decode(0, out, sizeof(out), &f);
	check_json(fw_info_to_json(&f, 0, "armed", "fail", 0),
		"{\"current_version\":4660,\"can_update\":false,\"next_version\":4294967298,"
		"\"activate_state\":\"armed\",\"need_powercycle\":true}");
	check_json(fw_info_to_json(&f, 1, NULL, "not_staged", 1),
		"{\"current_version\":\"0x1234\",\"can_update\":true,\"next_version\":\"0x100000002\"}");
	/* no result attribute: upstream counts that as needing a power cycle */
	check_json(fw_info_to_json(&f, 1, NULL, NULL, 0),
		"{\"current_version\":4660,\"can_update\":true,\"next_version\":4294967298,"
		"\"need_powercycle\":true}");
	/* the firmware refused (status 1): upstream's -1 */
	put(out, 0, 1, 4);
	intel_fw_info_decode(0, out, sizeof(out), &f);
	CHECK_EQ_U64(f.rc, (uint64_t)-EOPNOTSUPP);
	check_json(fw_info_to_json(&f, 1, NULL, NULL, 0),
		"{\"current_version\":18446744073709551615}");
}

static void test_status(void)
{
	CHECK_EQ_U64(intel_status_to_errno(0), 0);
	CHECK_EQ_U64(intel_status_to_errno(0x30000), 0);	/* extended bits alone: success */
	CHECK_EQ_U64(intel_status_to_errno(2), (uint64_t)-ENXIO);
	CHECK_EQ_U64(intel_status_to_errno(9), (uint64_t)-EBUSY);
	CHECK_EQ_U64(intel_status_to_errno(7 | 0x10000), (uint64_t)-ENOMSG);
}

/*
 * QEMU's vNVDIMMs (the captured "mixed" tree): Intel family, but a dsm_mask
 * of the label functions only, so no DSM is sent and -H/-F add nothing.
 */
static void test_qemu_tree(void)
{
	struct ndctl_ctx *ctx = ctx_on_tree("mixed");
	struct ndctl_dimm *dimm = dimm_named(ctx, "nmem0");
	struct ndctl_bus *bus = ndctl_dimm_get_bus(dimm);
	struct json_object *a, *b;
	uint8_t out[ND_INTEL_SMART_OUT_SIZE];

	CHECK(!dimm_intel_supports(dimm, ND_INTEL_FN_SMART));
	CHECK(!dimm_intel_supports(dimm, ND_INTEL_FN_FW_GET_INFO));
	CHECK(!dimm_intel_fw_updatable(dimm));
	CHECK_EQ_U64(dimm_intel_call(dimm, ND_INTEL_FN_SMART, out, sizeof(out)),
			(uint64_t)-EOPNOTSUPP);
	a = ndctl_dimm_to_json(dimm, 0);
	b = ndctl_dimm_to_json(dimm, NDCTL_JSON_HEALTH | NDCTL_JSON_FIRMWARE);
	CHECK(json_object_equal(a, b));
	json_object_put(a);
	json_object_put(b);
	a = ndctl_bus_to_json(bus, 0);
	b = ndctl_bus_to_json(bus, NDCTL_JSON_FIRMWARE);
	CHECK(json_object_equal(a, b));
	json_object_put(a);
	json_object_put(b);
	ndctl_unref(ctx);
}

int main(void)
{
	test_qemu_tree();
	test_smart();
	test_firmware();
	test_status();
	return test_done("dimm-health");
}
