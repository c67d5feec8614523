/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_BTT_LAYOUT_H
#define NDKIT_NDCTL_BTT_LAYOUT_H
/*
 * The BTT (sector mode) layout on a namespace's media checked, and
 * repaired, by the kernel's rules and upstream ndctl check-namespace's
 * checks: info blocks and their backups (info2), the map, the flog, and
 * that each internal block is referenced exactly once. The layout is drawn
 * in the library's lib/ndctl/btt/btt.h; ndctl-check-namespace(1) lists
 * the findings.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum ndctl_btt_check_flags {
	NDCTL_BTT_CHECK_REPAIR = 1 << 0,	/* -R: make the changes */
	NDCTL_BTT_CHECK_REWRITE_LOG = 1 << 1,	/* -L: rewrite each flog (needs REPAIR) */
};

/*
 * Where each finding goes: priority LOG_ERR (a problem), LOG_INFO (what was
 * looked at or changed, upstream's verbose lines) or LOG_NOTICE (a change
 * made that upstream prints on stdout); where, the upstream function that
 * words it (upstream prefixes its lines with it); msg, one line ending in
 * a newline.
 */
typedef void (*ndctl_btt_report_fn)(void *arg, int priority, const char *where,
		const char *msg);

/**
 * ndctl_btt_layout_check() - check (and repair) the BTT layout in a namespace's bytes
 * @ns: the whole namespace, as bound raw (written only with
 *	NDCTL_BTT_CHECK_REPAIR)
 * @size: its size in bytes
 * @parent_uuid: the namespace's uuid: an info block naming another
 *	parent is not trusted (zero uuid in a block: any parent)
 * @flags: enum ndctl_btt_check_flags
 * @report: called with each finding, in order; may be NULL
 * @arg: passed to @report
 *
 * Upstream's check-namespace over a buffer: the first info block at 4 KiB
 * (BTT 1.1) or 0 (BTT 2.0), recovered from a backup when damaged, each
 * arena's info block (restored from its info2), the flog's slot pair, then
 * per arena: flog entries, map entries, flog against map, info2 against
 * info, and the block bitmap. A metadata region reaching past @size is
 * reported as upstream's SIGBUS is.
 *
 * Return: 0 when the layout is sound or was repaired; -ENXIO for damage
 * (reported), -EIO for an info block needing a restore without REPAIR,
 * -EFAULT for metadata outside the namespace, -EINVAL for REWRITE_LOG
 * without REPAIR, -ENOMEM.
 * Since: LIBNDCTL_5
 */
int ndctl_btt_layout_check(void *ns, uint64_t size, const uint8_t parent_uuid[16],
		unsigned flags, ndctl_btt_report_fn report, void *arg);

struct ndctl_namespace;
/**
 * ndctl_namespace_check_btt() - check (and repair) the BTT layout on a disabled namespace
 * @ndns: a namespace, disabled (ndctl_namespace_disable_safe())
 * @flags: enum ndctl_btt_check_flags
 * @report: called with each finding (see ndctl_btt_layout_check()); may
 *	be NULL
 * @arg: passed to @report
 *
 * As upstream's check-namespace: a claim an unbound personality left is
 * released, the namespace bound raw, its block device opened exclusively
 * (read-only without REPAIR) and mapped whole, checked by
 * ndctl_btt_layout_check(), repairs synced, and the namespace unbound
 * again: left disabled, as upstream leaves it. ndctl_namespace_enable()
 * brings the sector personality back.
 *
 * Return: ndctl_btt_layout_check()'s; -EBUSY when it is enabled
 * (reported as upstream's "check aborted, namespace online"); -ENXIO for an
 * idle namespace; the bind, open or map's negative errno (reported).
 * Since: LIBNDCTL_5
 */
int ndctl_namespace_check_btt(struct ndctl_namespace *ndns, unsigned flags,
		ndctl_btt_report_fn report, void *arg);

#ifdef __cplusplus
}
#endif

#endif
