/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_TOPOLOGY_INTEL_DSM_H
#define NDKIT_TOPOLOGY_INTEL_DSM_H
/*
 * The Intel-family DIMM DSMs that `ndctl list -H/-F` reads (health, alarm
 * thresholds, firmware versions), as the kernel passes them through
 * ND_IOCTL_CALL: an output payload of a 32-bit firmware status, then the
 * function's data, little-endian and packed (the layouts of upstream's
 * ndctl/lib/intel.h). nfit_test and real NVDIMMs answer them; QEMU's
 * vNVDIMMs have no "call" command, so nothing here reaches them.
 */
#include <stddef.h>
#include <stdint.h>

struct ndctl_dimm;

enum {
	ND_INTEL_FN_SMART = 1,
	ND_INTEL_FN_SMART_THRESHOLD = 2,
	ND_INTEL_FN_FW_GET_INFO = 12,
	ND_INTEL_FN_FW_START_UPDATE = 13,
	ND_INTEL_FN_FW_SEND_DATA = 14,
	ND_INTEL_FN_FW_FINISH_UPDATE = 15,
	ND_INTEL_FN_FW_FINISH_STATUS_QUERY = 16,
};

/* Output sizes, status included: what the kernel is asked to fill. */
#define ND_INTEL_SMART_OUT_SIZE 132
#define ND_INTEL_THRESHOLD_OUT_SIZE 12
#define ND_INTEL_FW_INFO_OUT_SIZE 44

/* smart flags: which fields hold a value (the same bits as upstream's ND_SMART_*) */
#define NDS_HEALTH_VALID	(1u << 0)
#define NDS_SPARES_VALID	(1u << 1)
#define NDS_USED_VALID		(1u << 2)
#define NDS_MTEMP_VALID		(1u << 3)
#define NDS_CTEMP_VALID		(1u << 4)
#define NDS_SHUTDOWN_COUNT_VALID (1u << 5)
#define NDS_ALARM_VALID		(1u << 9)
#define NDS_SHUTDOWN_VALID	(1u << 10)
/* alarm flags and threshold alarm control */
#define NDS_SPARE_TRIP		(1u << 0)
#define NDS_MTEMP_TRIP		(1u << 1)
#define NDS_CTEMP_TRIP		(1u << 2)
/* health */
#define NDS_NON_CRITICAL	(1u << 0)
#define NDS_CRITICAL		(1u << 1)
#define NDS_FATAL		(1u << 2)

/* Each decoded payload: rc 0, or < 0 when the call or the firmware failed. */
struct nd_smart {
	int rc;
	unsigned int flags, health, spares, life_used, alarm_flags;
	unsigned int media_temp, ctrl_temp;	/* raw: 1/16 degrees, bit 15 the sign */
	unsigned int shutdown_state, shutdown_count;
};

struct nd_smart_threshold {
	int rc;
	unsigned int alarm_control, spares, media_temp, ctrl_temp;
};

struct nd_fw_info {
	int rc;
	unsigned long long run_version, updated_version;
};

/* Upstream's intel_cmd_xlat_firmware_status: 0, or a negative errno. */
int intel_status_to_errno(uint32_t status);
/*
 * call_rc: dimm_intel_call()'s result (< 0: rc is that, nothing decoded);
 * out/len: the function's output payload as the kernel returned it.
 */
void intel_smart_decode(int call_rc, const void *out, size_t len, struct nd_smart *s);
void intel_threshold_decode(int call_rc, const void *out, size_t len,
		struct nd_smart_threshold *t);
void intel_fw_info_decode(int call_rc, const void *out, size_t len, struct nd_fw_info *f);
/* Upstream's ndctl_decode_smart_temperature. */
double intel_temperature(unsigned int raw);

/*
 * Can the DIMM take Intel function fn? Upstream's test: the DIMM lists the
 * "call" command, its NFIT family is Intel, and its dsm_mask (when the
 * kernel gives one) has the function's bit.
 */
int dimm_intel_supports(struct ndctl_dimm *dimm, unsigned int fn);
/* Upstream's ndctl_dimm_fw_update_supported() == 0: the five update functions. */
int dimm_intel_fw_updatable(struct ndctl_dimm *dimm);
/*
 * Run function fn (no input) into out (out_size bytes, status first):
 * -EOPNOTSUPP when the DIMM cannot take it (nothing is sent), the ioctl's
 * negative errno, or 0 (the firmware's status is then in out).
 */
int dimm_intel_call(struct ndctl_dimm *dimm, unsigned int fn, void *out, size_t out_size);

/* The three reads `list` makes, each -EOPNOTSUPP in rc when not possible. */
void dimm_read_smart(struct ndctl_dimm *dimm, struct nd_smart *s);
void dimm_read_threshold(struct ndctl_dimm *dimm, struct nd_smart_threshold *t);
void dimm_read_fw_info(struct ndctl_dimm *dimm, struct nd_fw_info *f);

/*
 * json.c: upstream's "health" object from a SMART read and its thresholds
 * (t NULL or failed: no alarm_enabled_* keys), and "firmware" from a
 * firmware-info read; activate and result are the DIMM's firmware/activate
 * and firmware/result attributes (NULL when absent). Pure, for the tests.
 */
struct json_object;
struct json_object *smart_to_json(const struct nd_smart *s, const struct nd_smart_threshold *t);
struct json_object *fw_info_to_json(const struct nd_fw_info *f, int updatable,
		const char *activate, const char *result, unsigned flags);

#endif
