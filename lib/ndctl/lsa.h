/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_LSA_H
#define NDKIT_NDCTL_LSA_H
/*
 * The NVDIMM label storage area (LSA): transports (transport/) move bytes,
 * the engine (label/) decodes, validates and changes the area following the
 * Linux kernel's rules (see docs/labels.md).
 *
 * Conventions: functions returning int give 0 (or a count) on success and a
 * negative errno on failure; the transport then holds a one-line message
 * naming the problem and the fix (ndctl_lsa_xport_errmsg()).
 *
 * One error channel: a transport is made from a library context, libkmod
 * style (the open functions take it first), and every error it records,
 * from the first step of its open (a missing file, a busy lock, a bad label
 * size, a DIMM refusing its label commands) to its last read or write, and
 * every error of the label engine working through it (load, transactions,
 * init, repair), is logged through that context at LOG_ERR: the callback of
 * ndctl_set_log_fn() gets the message, newline-terminated, as it is logged.
 * The transport holds a reference on the context (ndctl_ref) until
 * ndctl_lsa_xport_close(). ctx may be NULL for a caller without a context:
 * then the errors are only kept as the transport's message.
 *
 * Ownership: the open functions give the caller the transport in *out, also
 * when they fail (except when the transport itself cannot be allocated:
 * then *out is NULL, the result -ENOMEM, and "out of memory" is logged
 * through ctx): read the message, then ndctl_lsa_xport_close() it.
 *
 * Typical use:
 *   struct ndctl_lsa_xport *t;
 *   struct ndctl_lsa *lsa;
 *   ndctl_lsa_file_open(ctx, "nvdimm0.img", 0, 0, &t); // or ndctl_lsa_dsm_open(ctx, "/dev/nmem0", ...)
 *   ndctl_lsa_load(t, 0, &lsa);                      // index blocks + in-use slots only
 *   for (i = 0; i < ndctl_lsa_label_count(lsa); i++) ndctl_lsa_label_get(lsa, i, &label);
 *   ndctl_lsa_free(lsa); ndctl_lsa_xport_close(t);
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Transports: one small interface over a DIMM, a file or memory.
 * ------------------------------------------------------------------------ */
struct ndctl_lsa_xport;
struct ndctl_ctx;	/* ndctl/libndctl.h */

struct ndctl_lsa_counters {
	uint64_t transfers;	/* read or write calls issued to the medium (ioctls, pread/pwrite) */
	uint64_t bytes_read;
	uint64_t bytes_written;
};

enum ndctl_lsa_open_flags {
	NDCTL_LSA_WRITABLE = 1 << 0,	/* open for writing (O_RDWR); required by write/lock */
	NDCTL_LSA_NOWAIT = 1 << 1,	/* fail at once (-EBUSY) if another process holds the lock */
	NDCTL_LSA_WAIT_SET = 1 << 2,	/* the wait is in the bits above: NDCTL_LSA_WAIT_SECONDS() */
};

/*
 * Locking. The file and DSM transports flock() their file or device as soon
 * as it is open, before a byte is read, and hold the lock until close: a
 * writable transport exclusively (every read-decide-write through it is one
 * critical section), a read-only one shared (it never sees a writer midway).
 * Another holder is waited for up to NDCTL_LSA_WAIT_DEFAULT_MS (10 s), then
 * the open fails with -EBUSY and a message naming the file; with
 * NDCTL_LSA_NOWAIT it fails at once. Nothing is read or written on failure.
 */
#define NDCTL_LSA_WAIT_DEFAULT_MS 10000

/*
 * Another bound, carried in the open flags: wait up to s seconds (at most
 * NDCTL_LSA_WAIT_MAX_S) instead of the default; 0 is NDCTL_LSA_NOWAIT.
 */
#define NDCTL_LSA_WAIT_SHIFT 8
#define NDCTL_LSA_WAIT_MAX_S 86400u
#define NDCTL_LSA_WAIT_SECONDS(s) (NDCTL_LSA_WAIT_SET | ((unsigned)(s) << NDCTL_LSA_WAIT_SHIFT))

/*
 * The open functions. ctx: the context whose log gets every error (may be
 * NULL, see above). *out: the caller's transport, set even on failure
 * (except -ENOMEM): close it. Errors are logged and kept as its message.
 */

/*
 * /dev/nmemN through ND_CMD_GET_CONFIG_SIZE / GET_CONFIG_DATA / SET_CONFIG_DATA,
 * chunked by the DIMM's max_xfer; firmware status is checked. devpath is
 * copied. Errors: the open's errno (-ENOENT, -EACCES...), -EBUSY (locked,
 * see above), the GET_CONFIG_SIZE ioctl's errno (EPERM, ENOTTY, EBUSY become
 * readable messages), -EIO (firmware status), -ENXIO (no label area), -ENOMEM.
 * A DIMM found through the topology opens with ndctl_dimm_lsa_open instead.
 */
int ndctl_lsa_dsm_open(struct ndctl_ctx *ctx, const char *devpath, unsigned flags,
		struct ndctl_lsa_xport **out);

/*
 * A file: either a raw label area, or a QEMU memory-backend-file whose label
 * area is its last label_size bytes. label_size 0: the whole file if it holds
 * a valid index at offset 0, else the smallest plausible tail (128 KiB steps
 * up to 4 MiB, then powers of two up to 1 GiB) holding a valid index; else the
 * whole file if it is at most 16 MiB; else -ENOENT ("give the label size").
 * The probe's own failed reads are not errors (debug log only) and are not
 * counted. path is copied. Errors: the open's errno (-ENOENT for a missing
 * file, -EACCES...), -EBUSY (locked, see above), -EINVAL for an explicit
 * label_size larger than the file, -ENOENT (no index found), -ENOMEM.
 */
int ndctl_lsa_file_open(struct ndctl_ctx *ctx, const char *path, uint64_t label_size,
		unsigned flags, struct ndctl_lsa_xport **out);
/* Where the label area starts in the file (0 for a raw area); 0 for other transports. */
uint64_t ndctl_lsa_file_offset(const struct ndctl_lsa_xport *t);

/*
 * Memory: the transport copies size bytes from init (zero when NULL); it is
 * writable and needs no lock. max_xfer 0: unlimited. Fails only with -ENOMEM
 * (*out NULL).
 */
int ndctl_lsa_mem_new(struct ndctl_ctx *ctx, const void *init, size_t size, uint32_t max_xfer,
		struct ndctl_lsa_xport **out);

/*
 * Byte access, bounds-checked against the config size: 0 or a negative
 * errno (-ERANGE past the end, -EPERM writing a read-only transport, the
 * medium's error) with the transport's message set and logged. max_xfer:
 * the largest transfer (0: unlimited). The counters count medium accesses
 * since open or reset. close frees the transport and drops its context
 * reference (NULL is ignored).
 */
uint64_t ndctl_lsa_xport_size(const struct ndctl_lsa_xport *t);	/* config size */
uint32_t ndctl_lsa_xport_max_xfer(const struct ndctl_lsa_xport *t);
int ndctl_lsa_xport_read(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len);
int ndctl_lsa_xport_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len);
/*
 * The exclusive lock, nesting; a writable file or DSM transport already holds
 * it from open (that hold counts as one). Transactions take it themselves
 * and, if the area may have changed since it was loaded (the lock was not
 * held throughout), check the index blocks again and fail with -ESTALE.
 * -EPERM on a read-only transport.
 */
int ndctl_lsa_xport_lock(struct ndctl_lsa_xport *t);
void ndctl_lsa_xport_unlock(struct ndctl_lsa_xport *t);
/*
 * Make every write so far durable (fdatasync on files; DSM writes are
 * synchronous). Transactions call it at each ordering point: after the
 * labels, before the index that publishes them, and after that index.
 */
int ndctl_lsa_xport_sync(struct ndctl_lsa_xport *t);
void ndctl_lsa_xport_counters(const struct ndctl_lsa_xport *t, struct ndctl_lsa_counters *c);
void ndctl_lsa_xport_reset_counters(struct ndctl_lsa_xport *t);
/*
 * The last error recorded on t, one line without newline ("" if none): the
 * same text its context's log got. Owned by t; valid until t's next error
 * or its close.
 */
const char *ndctl_lsa_xport_errmsg(const struct ndctl_lsa_xport *t);
void ndctl_lsa_xport_close(struct ndctl_lsa_xport *t);

/* ------------------------------------------------------------------------
 * Namespace labels (v1.1: 128 bytes, v1.2: 256 bytes).
 * ------------------------------------------------------------------------ */
#define NDCTL_LABEL_FLAG_ROLABEL  0x1
#define NDCTL_LABEL_FLAG_LOCAL    0x2
#define NDCTL_LABEL_FLAG_BTT      0x4
#define NDCTL_LABEL_FLAG_UPDATING 0x8

/* Type and abstraction GUIDs, in standard text form (uuid_parse() them). */
#define NDCTL_LABEL_GUID_PMEM "66f0d379-b4f3-4074-ac43-0d3318b78cdb"
#define NDCTL_LABEL_GUID_BTT  "8aed63a2-29a2-4c66-8b12-f05d15d3922a"
#define NDCTL_LABEL_GUID_BTT2 "18633bfc-1735-4217-8ac9-17239282d3f8"
#define NDCTL_LABEL_GUID_PFN  "266400ba-fb9f-4677-bcb0-968f11d0d225"
#define NDCTL_LABEL_GUID_DAX  "97a86d9c-3cdd-4eda-986f-5068b4f80088"

/*
 * A decoded label. uuid, type_guid and abstraction_guid are in text order
 * (uuid_unparse() gives the standard form); the engine converts the GUIDs to
 * and from the on-media guid_t order. The GUIDs exist only in v1.2 areas.
 */
struct ndctl_label {
	uint32_t slot;		/* set by the engine */
	uint8_t uuid[16];
	char name[64];		/* NUL-terminated, at most 63 characters */
	uint32_t flags;
	uint16_t nlabel;
	uint16_t position;
	uint64_t isetcookie;
	uint64_t lbasize;
	uint64_t dpa;
	uint64_t rawsize;
	uint8_t type_guid[16];
	uint8_t abstraction_guid[16];
};

/* Between text-order and on-media guid_t order (the swap is its own inverse). */
void ndctl_label_guid_swap(uint8_t out[16], const uint8_t in[16]);

/* Fletcher-64 as the kernel computes it (le: words are little-endian). */
uint64_t ndctl_label_fletcher64(const void *buf, size_t len, bool le);

/*
 * Interleave-set cookies. One mapping per DIMM of the set; the array is sorted
 * internally. version 1: cookie1 (v1.1 labels), 2: cookie2 (v1.2 labels).
 */
struct ndctl_label_iset_map {
	uint64_t region_offset;
	uint32_t serial;
	uint16_t vendor_id;
	uint16_t mfg_date;
	uint8_t mfg_location;
};
uint64_t ndctl_label_iset_cookie(const struct ndctl_label_iset_map *maps, unsigned n, int version);
/* The cookie QEMU's NFIT gives a one-DIMM set in slot N (serial 0x123456+N, vendor 0x8086). */
uint64_t ndctl_label_qemu_cookie(unsigned slot, uint64_t region_offset, int version);

/* ------------------------------------------------------------------------
 * A decoded area: both index blocks, the current one, the in-use labels.
 * ------------------------------------------------------------------------ */
struct ndctl_lsa;

enum ndctl_lsa_load_flags {
	NDCTL_LSA_LOAD_FULL = 1 << 0,	/* read the whole area (raw dumps, stale slots) */
};

/* Read index blocks, then only in-use slots (adjacent ones in one transfer). */
int ndctl_lsa_load(struct ndctl_lsa_xport *t, unsigned flags, struct ndctl_lsa **out);
/* Decode an area already in memory (copied). Never fails on content, only -ENOMEM. */
int ndctl_lsa_decode(const void *buf, size_t size, struct ndctl_lsa **out);
void ndctl_lsa_free(struct ndctl_lsa *lsa);	/* NULL is ignored */

/* Getters of a decoded area; never fail. Index getters take i = 0 or 1. */
bool ndctl_lsa_valid(const struct ndctl_lsa *lsa);		/* some index is valid */
uint64_t ndctl_lsa_size(const struct ndctl_lsa *lsa);		/* config size */
unsigned ndctl_lsa_labelsize(const struct ndctl_lsa *lsa);	/* 128 or 256; 0 if !valid */
int ndctl_lsa_version_minor(const struct ndctl_lsa *lsa);	/* 1 or 2 (major is 1); 0 if !valid */
uint32_t ndctl_lsa_nslot(const struct ndctl_lsa *lsa);		/* label slots; 0 if !valid */
uint32_t ndctl_lsa_isz(const struct ndctl_lsa *lsa);		/* index block size */
int ndctl_lsa_current_index(const struct ndctl_lsa *lsa);	/* 0, 1, or -1 */
bool ndctl_lsa_index_valid(const struct ndctl_lsa *lsa, int i);	/* false for any other i */
uint32_t ndctl_lsa_index_seq(const struct ndctl_lsa *lsa, int i);	/* raw seq field */
const char *ndctl_lsa_index_problem(const struct ndctl_lsa *lsa, int i);	/* why invalid, NULL if valid */
uint32_t ndctl_lsa_nfree(const struct ndctl_lsa *lsa);	/* free slots in the current index */

/*
 * The raw header fields of index block i as found on media (for read-labels
 * style dumps), located with the area's index size (the v1.1 one when no index
 * is valid). -ERANGE if the area is too small to hold it.
 */
struct ndctl_lsa_index_info {
	bool signature_ok;	/* "NAMESPACE_INDEX\0" */
	uint8_t labelsize_field;	/* 0: 128 bytes, 1: 256 bytes (v1.2+) */
	uint32_t seq;
	uint64_t myoff, mysize, otheroff, labeloff;
	uint32_t nslot;
	uint16_t major, minor;
	uint64_t checksum;
};
int ndctl_lsa_index_info(const struct ndctl_lsa *lsa, int i, struct ndctl_lsa_index_info *out);
bool ndctl_lsa_slot_in_use(const struct ndctl_lsa *lsa, uint32_t slot);

/* Active labels (in use, slot field matches, v1.2 checksum good), by slot. */
unsigned ndctl_lsa_label_count(const struct ndctl_lsa *lsa);
int ndctl_lsa_label_get(const struct ndctl_lsa *lsa, unsigned i, struct ndctl_label *out);
/* Any loaded slot, active or not (-ENODATA if it was not read). */
int ndctl_lsa_slot_decode(const struct ndctl_lsa *lsa, uint32_t slot, struct ndctl_label *out);
/* The loaded bytes (size ndctl_lsa_size); only meaningful in full when loaded with LOAD_FULL. */
const uint8_t *ndctl_lsa_raw(const struct ndctl_lsa *lsa);

/*
 * JSON shaped like testdata's *.expected.json: valid, version, labelsize,
 * nslot, current_index, valid_indexes, seq (of the valid indexes, masked to
 * 2 bits), labels[] (the active ones; GUIDs in text form, v1.2 only). An area
 * with no valid index gives {"valid": false}.
 * Returns a new json-c object (struct json_object *) or NULL on ENOMEM.
 */
struct json_object;
struct json_object *ndctl_lsa_to_json(const struct ndctl_lsa *lsa);

/*
 * `ndctl read-labels -j` for one area, upstream's keys and order: dev, index[]
 * (both blocks' raw header fields), label[] (the active labels; with
 * ALL_SLOTS also stale ones, each with "active"). HUMAN prints flags, cookie
 * and dpa in hex and rawsize as a human size. ALL_SLOTS needs the area loaded
 * with NDCTL_LSA_LOAD_FULL. A new json-c object, or NULL on ENOMEM.
 */
enum ndctl_lsa_json_flags {
	NDCTL_LSA_JSON_HUMAN = 1 << 0,
	NDCTL_LSA_JSON_INDEX_ONLY = 1 << 1,	/* no label[] */
	NDCTL_LSA_JSON_ALL_SLOTS = 1 << 2,
};
struct json_object *ndctl_lsa_dump_json(const struct ndctl_lsa *lsa, const char *dev,
		unsigned flags);

/* ------------------------------------------------------------------------
 * Transactions. Never overwrite a live label or the current index: new labels
 * go to free slots, then the other index block is written with the next seq.
 * Each takes the transport's lock; on success lsa reflects the new state, on
 * failure reload it.
 * ------------------------------------------------------------------------ */

/*
 * Write both index blocks like the kernel (index 0 seq 3, index 1 seq 2, all
 * slots free, bitmap bits past nslot zero). labelsize 128 (v1.1) or 256 (v1.2).
 * Slots are not written. *out (if not NULL) gets the new state. Like the
 * kernel's, this is not a transaction (index 0 then index 1 are written):
 * use it on an uninitialized area or one whose labels are being discarded.
 */
int ndctl_lsa_init(struct ndctl_lsa_xport *t, unsigned labelsize, struct ndctl_lsa **out);

enum ndctl_lsa_op { NDCTL_LSA_ADD, NDCTL_LSA_UPDATE, NDCTL_LSA_DELETE };
struct ndctl_lsa_change {
	enum ndctl_lsa_op op;
	uint32_t slot;			/* UPDATE/DELETE: the live slot to replace/free */
	const struct ndctl_label *label;	/* ADD/UPDATE: the new content (slot ignored) */
	uint32_t new_slot;		/* out: where ADD/UPDATE wrote the label */
};
/*
 * Apply n changes as one transaction: every new label goes to a free slot
 * (lowest first), then ONE index write publishes them all and frees the
 * replaced ones. A crash leaves the old or the new state. 0, or a negative
 * errno: -ENOSPC (not enough free slots), -EINVAL (bad slot), I/O errors.
 */
int ndctl_lsa_apply(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		struct ndctl_lsa_change *changes, unsigned n);
/* One-change conveniences; *slot_out may be NULL. */
int ndctl_lsa_add(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		const struct ndctl_label *label, uint32_t *slot_out);
int ndctl_lsa_update(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint32_t slot,
		const struct ndctl_label *label, uint32_t *slot_out);
int ndctl_lsa_delete(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint32_t slot);

/*
 * A namespace spanning n DIMMs with the kernel's UPDATING protocol: pass 1
 * writes each DIMM's label with UPDATING set (replacing old_slots[i] if it is
 * not UINT32_MAX), pass 2 rewrites each with flags as given.
 */
int ndctl_lsa_set_update(struct ndctl_lsa **lsas, struct ndctl_lsa_xport **ts, unsigned n,
		const uint32_t *old_slots, const struct ndctl_label *labels);

/*
 * Rewrite the invalid (torn) index from the current one, as a new
 * transaction (seq inc'ed, written to the invalid position). 0 if nothing to
 * do, 1 if repaired, -ENODATA if no index is valid.
 */
int ndctl_lsa_repair(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t);

/* ------------------------------------------------------------------------
 * Deep validation: findings with stable ids.
 * ------------------------------------------------------------------------ */
enum ndctl_lsa_severity { NDCTL_LSA_INFO, NDCTL_LSA_WARN, NDCTL_LSA_ERROR };

struct ndctl_lsa_finding {
	const char *id;		/* stable, e.g. "index-checksum" (list in label/validate.c) */
	enum ndctl_lsa_severity severity;
	int index;		/* index block concerned, or -1 */
	int64_t slot;		/* slot concerned, or -1 */
	char msg[192];		/* one line, no newline */
};

/* Known expectations; zero fields are unknown. */
struct ndctl_lsa_expect {
	uint64_t cookies[8];	/* accepted interleave-set cookies */
	unsigned ncookies;
};

/*
 * Validate; *out is a malloc'd array (free() it) of *n findings. Returns the
 * number of ERROR findings (0: the kernel would accept the area), or -ENOMEM.
 */
int ndctl_lsa_validate(const struct ndctl_lsa *lsa, const struct ndctl_lsa_expect *expect,
		struct ndctl_lsa_finding **out, unsigned *n);
const char *ndctl_lsa_severity_name(enum ndctl_lsa_severity s);

/*
 * Across the n DIMMs of a region (lsas[i] may be NULL for a DIMM without
 * labels): every uuid whose labels say nlabel == k needs positions 0..k-1
 * exactly once. Ids: position-missing, position-duplicate, nlabel-mismatch
 * (labels of one uuid disagree on nlabel). slot in the findings is the slot
 * of the label concerned, index the DIMM's number in lsas. Same return as
 * ndctl_lsa_validate.
 */
int ndctl_lsa_validate_set(const struct ndctl_lsa *const *lsas, unsigned n,
		struct ndctl_lsa_finding **out, unsigned *nfindings);

#ifdef __cplusplus
}
#endif
#endif
