// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Intel-family DIMM DSMs for health and firmware (intel-dsm.h): whether a
 * DIMM takes one, the ND_IOCTL_CALL on /dev/nmemN that runs it, and the
 * decoding of its output payload, read field by field at upstream's offsets
 * so no packed structure is needed.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/ndctl.h>
#include "internal.h"
#include "intel-dsm.h"

#define INTEL_FAMILY 0		/* NVDIMM_FAMILY_INTEL */

/* Upstream's status masks and codes (ndctl/lib/intel.h). */
#define ST_MASK 0xffffu

int intel_status_to_errno(uint32_t status)
{
	switch (status & ST_MASK) {
	case 0:
		return 0;
	case 1:
		return -EOPNOTSUPP;
	case 2:
		return -ENXIO;
	case 3:
		return -EINVAL;
	case 4:
		return -EIO;
	case 5:		/* retry */
	case 8:		/* no resources */
		return -EAGAIN;
	case 9:
		return -EBUSY;
	default:	/* unknown, extended (unspecified for these functions) */
		return -ENOMSG;
	}
}

static unsigned int le(const uint8_t *p, unsigned int bytes)
{
	unsigned int v = 0;

	while (bytes--)
		v = (v << 8) | p[bytes];
	return v;
}

static unsigned long long le64(const uint8_t *p)
{
	return (unsigned long long)le(p + 4, 4) << 32 | le(p, 4);
}

/*
 * Clear the decoded struct (size bytes at dst) and set its rc: the call's
 * failure, -EIO for a payload too short for the fields, or the payload's
 * status. True when the fields are there to decode.
 */
static bool payload_start(void *dst, size_t size, int *rc, int call_rc, const uint8_t *p,
		size_t len, size_t need)
{
	memset(dst, 0, size);
	if (call_rc < 0)
		*rc = call_rc;
	else
		*rc = len < need ? -EIO : intel_status_to_errno(le(p, 4));
	return *rc == 0;
}

/* A 32-bit field of a decoded struct and where the payload has it (offset, size). */
struct field {
	size_t member;		/* offsetof the unsigned int in the decoded struct */
	unsigned char off, bytes;
};

static void decode_fields(void *dst, const uint8_t *p, const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int v = le(p + f[i].off, f[i].bytes);

		memcpy((char *)dst + f[i].member, &v, sizeof(v));
	}
}

#define SMART_FIELD(name, off, bytes) { offsetof(struct nd_smart, name), off, bytes }
#define THRESH_FIELD(name, off, bytes) { offsetof(struct nd_smart_threshold, name), off, bytes }

/* status 0; ait_status 24, pmic temperature 25, reserved 8 and 27..34 are not shown */
static const struct field smart_fields[] = {
	SMART_FIELD(flags, 4, 4), SMART_FIELD(health, 12, 1), SMART_FIELD(spares, 13, 1),
	SMART_FIELD(life_used, 14, 1), SMART_FIELD(alarm_flags, 15, 1),
	SMART_FIELD(media_temp, 16, 2), SMART_FIELD(ctrl_temp, 18, 2),
	SMART_FIELD(shutdown_count, 20, 4), SMART_FIELD(shutdown_state, 35, 1),
};

static const struct field threshold_fields[] = {
	THRESH_FIELD(alarm_control, 4, 2), THRESH_FIELD(spares, 6, 1),
	THRESH_FIELD(media_temp, 7, 2), THRESH_FIELD(ctrl_temp, 9, 2),
};

void intel_smart_decode(int call_rc, const void *out, size_t len, struct nd_smart *s)
{
	if (payload_start(s, sizeof(*s), &s->rc, call_rc, out, len, 36))
		decode_fields(s, out, smart_fields, sizeof(smart_fields) / sizeof(smart_fields[0]));
}

void intel_threshold_decode(int call_rc, const void *out, size_t len, struct nd_smart_threshold *t)
{
	if (payload_start(t, sizeof(*t), &t->rc, call_rc, out, len, 11))
		decode_fields(t, out, threshold_fields,
				sizeof(threshold_fields) / sizeof(threshold_fields[0]));
}

void intel_fw_info_decode(int call_rc, const void *out, size_t len, struct nd_fw_info *f)
{
	const uint8_t *p = out;

	if (!payload_start(f, sizeof(*f), &f->rc, call_rc, p, len, ND_INTEL_FW_INFO_OUT_SIZE))
		return;
	/* storage size 4, max send 8, query interval 12, max query time 16,
	 * update cap 20, reserved 21, fis version 24 */
	f->run_version = le64(p + 28);
	f->updated_version = le64(p + 36);
}

double intel_temperature(unsigned int raw)
{
	double t = (double)(raw & 0x7fffu) / 16;

	return raw & 0x8000u ? -t : t;
}

int dimm_intel_supports(struct ndctl_dimm *dimm, unsigned int fn)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!nd_dev_lists_cmd(&dimm->dev, "cmd_call"))	/* upstream's command mask */
		return 0;
	/* no family: upstream gives such a DIMM no DSM operations */
	if (nd_dev_read(&dimm->dev, "nfit/family", buf) || strtoul(buf, NULL, 0) != INTEL_FAMILY)
		return 0;
	/* no mask: upstream's DIMM_DSM_UNKNOWN, which it lets through */
	if (nd_dev_read(&dimm->dev, "nfit/dsm_mask", buf))
		return 1;
	return (strtoul(buf, NULL, 0) >> fn) & 1;
}

int dimm_intel_fw_updatable(struct ndctl_dimm *dimm)
{
	for (unsigned int fn = ND_INTEL_FN_FW_GET_INFO; fn <= ND_INTEL_FN_FW_FINISH_STATUS_QUERY;
			fn++)
		if (!dimm_intel_supports(dimm, fn))
			return 0;
	return 1;
}

int dimm_intel_call(struct ndctl_dimm *dimm, unsigned int fn, void *out, size_t out_size)
{
	struct nd_cmd_pkg *pkg;
	int rc;

	if (!dimm_intel_supports(dimm, fn)) {
		dbg(dimm->dev.ctx, "%s: intel function %u not supported\n", dimm->dev.name, fn);
		return -EOPNOTSUPP;
	}
	pkg = calloc(1, sizeof(*pkg) + out_size);
	if (!pkg)
		return -ENOMEM;
	pkg->nd_family = INTEL_FAMILY;
	pkg->nd_command = fn;
	pkg->nd_size_out = (__u32)out_size;
	rc = nd_node_ioctl(dimm->dev.ctx, dimm->dev.name, ND_IOCTL_CALL, pkg);
	if (rc < 0)
		dbg(dimm->dev.ctx, "%s: intel function %u failed: %s\n", dimm->dev.name, fn,
				strerror(-rc));
	else
		memcpy(out, pkg->nd_payload, out_size);
	free(pkg);
	return rc < 0 ? rc : 0;
}

void dimm_read_smart(struct ndctl_dimm *dimm, struct nd_smart *s)
{
	uint8_t out[ND_INTEL_SMART_OUT_SIZE] = { 0 };

	intel_smart_decode(dimm_intel_call(dimm, ND_INTEL_FN_SMART, out, sizeof(out)),
			out, sizeof(out), s);
}

void dimm_read_threshold(struct ndctl_dimm *dimm, struct nd_smart_threshold *t)
{
	uint8_t out[ND_INTEL_THRESHOLD_OUT_SIZE] = { 0 };

	intel_threshold_decode(dimm_intel_call(dimm, ND_INTEL_FN_SMART_THRESHOLD, out,
			sizeof(out)), out, sizeof(out), t);
}

void dimm_read_fw_info(struct ndctl_dimm *dimm, struct nd_fw_info *f)
{
	uint8_t out[ND_INTEL_FW_INFO_OUT_SIZE] = { 0 };

	intel_fw_info_decode(dimm_intel_call(dimm, ND_INTEL_FN_FW_GET_INFO, out, sizeof(out)),
			out, sizeof(out), f);
}
