/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_LSA_H
#define NDKIT_NDCTL_LSA_H
/*
 * The NVDIMM label storage area (LSA): transports (transport/) move bytes,
 * the codec (label/) decodes and validates, the engine (engine/) loads and
 * changes the area following the Linux kernel's rules (see docs/labels.md).
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

/**
 * ndctl_lsa_dsm_open() - open a DIMM's label area through its DSM commands
 * @ctx: the context whose log gets the errors (may be NULL)
 * @devpath: the DIMM's device, "/dev/nmemN"; copied
 * @flags: enum ndctl_lsa_open_flags: NDCTL_LSA_WRITABLE, NDCTL_LSA_NOWAIT or
 *	NDCTL_LSA_WAIT_SECONDS()
 * @out: set to the transport, also on failure (except -ENOMEM: NULL)
 *
 * ND_CMD_GET_CONFIG_SIZE gives the area's size and the DIMM's largest
 * transfer; reads and writes go through GET_CONFIG_DATA and SET_CONFIG_DATA
 * in chunks of that size, and each command's firmware status is checked.
 * The device is opened read-write as upstream does (read-only when that is
 * refused and @flags does not ask for writing) and locked (see above). A
 * DIMM found through the topology opens with ndctl_dimm_lsa_open() instead.
 *
 * Return: 0, or a negative errno with the transport's message set: the
 * open's (-ENOENT, -EACCES, ...), -EBUSY (locked by another process), the
 * GET_CONFIG_SIZE ioctl's (-EPERM, -ENOTTY and -EBUSY get readable
 * messages), -EIO (firmware status), -ENXIO (no label area), -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_dsm_open(struct ndctl_ctx *ctx, const char *devpath, unsigned flags,
		struct ndctl_lsa_xport **out);

/**
 * ndctl_lsa_file_open() - open a label area kept in a file
 * @ctx: the context whose log gets the errors (may be NULL)
 * @path: a raw label area, or a QEMU memory-backend-file whose label area is
 *	its last @label_size bytes; copied
 * @label_size: the label area's size; 0 to find it
 * @flags: enum ndctl_lsa_open_flags, as for ndctl_lsa_dsm_open()
 * @out: set to the transport, also on failure (except -ENOMEM: NULL)
 *
 * With @label_size 0: the whole file if it holds a valid index at offset 0;
 * else the smallest plausible tail holding a valid index (128 KiB steps up
 * to 4 MiB, then powers of two up to 1 GiB); else the whole file if it is
 * at most 16 MiB. The probe's failed reads are no errors (debug log only)
 * and are not counted.
 *
 * Return: 0, or a negative errno with the transport's message set: the
 * open's (-ENOENT for a missing file, -EACCES, ...), -EBUSY (locked),
 * -EINVAL for a @label_size larger than the file, -ENOENT when no index was
 * found ("give the label size"), -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_file_open(struct ndctl_ctx *ctx, const char *path, uint64_t label_size,
		unsigned flags, struct ndctl_lsa_xport **out);

/**
 * ndctl_lsa_file_offset() - where a file transport's label area starts
 * @t: a transport
 *
 * Return: the byte offset in the file (0 for a raw area, the tail's start
 * for a QEMU backend file); 0 for a transport that is not a file.
 * Since: LIBNDCTL_1
 */
uint64_t ndctl_lsa_file_offset(const struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_mem_new() - a label area in memory
 * @ctx: the context whose log gets the errors (may be NULL)
 * @init: the initial content, @size bytes, copied (NULL: zeroes)
 * @size: the area's size
 * @max_xfer: the largest transfer, to act like a DIMM (0: unlimited)
 * @out: set to the transport (NULL on failure)
 *
 * Writable, and with no lock to take: for tests and for building an area
 * before it is written elsewhere.
 *
 * Return: 0, or -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_mem_new(struct ndctl_ctx *ctx, const void *init, size_t size, uint32_t max_xfer,
		struct ndctl_lsa_xport **out);

/**
 * ndctl_lsa_xport_size() - a label area's size
 * @t: a transport
 *
 * Return: the config size in bytes (what ND_CMD_GET_CONFIG_SIZE reports for
 * a DIMM).
 * Since: LIBNDCTL_1
 */
uint64_t ndctl_lsa_xport_size(const struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_max_xfer() - the largest single transfer
 * @t: a transport
 *
 * Return: the bytes one read or write command may carry; 0: unlimited.
 * Since: LIBNDCTL_1
 */
uint32_t ndctl_lsa_xport_max_xfer(const struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_read() - read bytes of the label area
 * @t: a transport
 * @off: the first byte
 * @buf: where they go, @len bytes
 * @len: how many
 *
 * Split into transfers of at most max_xfer bytes; the first failing one
 * ends the read (@buf then holds what came before it).
 *
 * Return: 0, -ERANGE when [@off, @off + @len) is not inside the area, or
 * the medium's negative errno; the message is set and logged.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_xport_read(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len);

/**
 * ndctl_lsa_xport_write() - write bytes of the label area
 * @t: a writable transport
 * @off: the first byte
 * @buf: the bytes, @len of them
 * @len: how many
 *
 * Split as ndctl_lsa_xport_read(). Not durable before ndctl_lsa_xport_sync().
 *
 * Return: 0, -ERANGE outside the area, -EPERM on a read-only transport, or
 * the medium's negative errno; the message is set and logged.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_xport_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len);

/**
 * ndctl_lsa_xport_lock() - take the transport's exclusive lock (nesting)
 * @t: a writable transport
 *
 * A writable file or DSM transport already holds the lock from its open
 * (that hold counts as one), so this only counts; a memory transport has
 * none to take. Transactions take it themselves and, when the area may have
 * changed since it was loaded (the lock was not held throughout), check
 * the index blocks again and fail with -ESTALE.
 *
 * Return: 0, -EPERM on a read-only transport, -EBUSY when another process
 * held the lock past the wait (message set and logged).
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_xport_lock(struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_unlock() - drop one hold of the lock
 * @t: a transport
 *
 * The lock is released when the last hold goes; an unlock without a hold is
 * ignored.
 * Since: LIBNDCTL_1
 */
void ndctl_lsa_xport_unlock(struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_sync() - make every write so far durable
 * @t: a transport
 *
 * fdatasync() for files; DSM writes are synchronous and memory has nothing
 * to do. Transactions call it at each ordering point: after the labels,
 * before the index that publishes them, and after that index.
 *
 * Return: 0, or the medium's negative errno.
 * Since: LIBNDCTL_2
 */
int ndctl_lsa_xport_sync(struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_counters() - how much I/O the transport did
 * @t: a transport
 * @c: filled in: transfers issued to the medium, bytes read and written
 *	since the open or the last reset (a file open's size probe excluded)
 *
 * Since: LIBNDCTL_1
 */
void ndctl_lsa_xport_counters(const struct ndctl_lsa_xport *t, struct ndctl_lsa_counters *c);

/**
 * ndctl_lsa_xport_reset_counters() - zero the I/O counters
 * @t: a transport
 *
 * Since: LIBNDCTL_1
 */
void ndctl_lsa_xport_reset_counters(struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_errmsg() - the last error recorded on a transport
 * @t: a transport
 *
 * Return: one line without newline, the same text the context's log got
 * ("" if none); owned by @t, valid until its next error or its close.
 * Since: LIBNDCTL_1
 */
const char *ndctl_lsa_xport_errmsg(const struct ndctl_lsa_xport *t);

/**
 * ndctl_lsa_xport_close() - release a transport
 * @t: a transport (NULL is ignored)
 *
 * Drops every hold of the lock, closes the file or device, frees @t and
 * drops its reference on the context.
 * Since: LIBNDCTL_1
 */
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

/**
 * ndctl_label_guid_swap() - convert a GUID between text order and guid_t order
 * @out: the converted 16 bytes
 * @in: the 16 bytes to convert
 *
 * The first three fields of a GUID are stored little-endian on media
 * (guid_t), big-endian in text order (uuid_t). The swap is its own inverse.
 * Since: LIBNDCTL_1
 */
void ndctl_label_guid_swap(uint8_t out[16], const uint8_t in[16]);

/**
 * ndctl_label_fletcher64() - the Fletcher-64 checksum the kernel uses
 * @buf: the bytes
 * @len: their count; only whole 32-bit words are summed (a tail of 1-3
 *	bytes is ignored)
 * @le: true: the words are little-endian (index blocks and labels); false:
 *	native words
 *
 * Return: the checksum, high 32-bit sum over low.
 * Since: LIBNDCTL_1
 */
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

/**
 * ndctl_label_iset_cookie() - an interleave set's cookie, as the kernel computes it
 * @maps: one entry per DIMM of the set (any order; sorted by region_offset
 *	on a copy)
 * @n: the number of entries
 * @version: 1 for cookie1 (what v1.1 labels carry), 2 for cookie2 (v1.2)
 *
 * Return: the cookie; 0 when @n is 0 or memory ran out.
 * Since: LIBNDCTL_1
 */
uint64_t ndctl_label_iset_cookie(const struct ndctl_label_iset_map *maps, unsigned n, int version);

/**
 * ndctl_label_qemu_cookie() - the cookie QEMU's NFIT gives a one-DIMM set
 * @slot: the DIMM's slot (QEMU's serial is 0x123456 + @slot, vendor 0x8086)
 * @region_offset: the DIMM's offset in the set (0 for one DIMM)
 * @version: 1 (cookie1) or 2 (cookie2), as ndctl_label_iset_cookie()
 *
 * Return: the cookie.
 * Since: LIBNDCTL_1
 */
uint64_t ndctl_label_qemu_cookie(unsigned slot, uint64_t region_offset, int version);

/**
 * ndctl_label_iset_cookie1_of_one() - a one-DIMM set's cookie1 from its cookie2
 * @cookie2: the set's v1.2 cookie (regionN/set_cookie while its DIMM's index is v1.2)
 * @m: the DIMM's serial, vendor, date and location as the NFIT stores them
 *	(nmemN/nfit/id shows them byte-swapped); region_offset is ignored
 *
 * The kernel accepts a label whose cookie is the region's altcookie (the
 * v1.1 cookie in an older sort order, create_namespace_pmem()); sysfs does not
 * show it. For a one-DIMM set the altcookie is cookie1, and the unknown
 * region_offset can be solved from @cookie2: this gives it.
 *
 * Return: cookie1 of the one-DIMM set @cookie2 belongs to.
 * Since: LIBNDCTL_4
 */
uint64_t ndctl_label_iset_cookie1_of_one(uint64_t cookie2, const struct ndctl_label_iset_map *m);

/* ------------------------------------------------------------------------
 * A decoded area: both index blocks, the current one, the in-use labels.
 * ------------------------------------------------------------------------ */
struct ndctl_lsa;

enum ndctl_lsa_load_flags {
	NDCTL_LSA_LOAD_FULL = 1 << 0,	/* read the whole area (raw dumps, stale slots) */
};

/**
 * ndctl_lsa_load() - read and decode a label area
 * @t: the transport
 * @flags: NDCTL_LSA_LOAD_FULL to read every byte (raw dumps, stale slots);
 *	else only the index blocks, then the in-use slots (adjacent ones in
 *	one transfer)
 * @out: set to the decoded area on success; free it with ndctl_lsa_free()
 *
 * Both index blocks are checked as the kernel checks them (with 128-byte,
 * then 256-byte labels); an area without a valid index still loads
 * (ndctl_lsa_valid() says false). The load remembers whether the lock was
 * held, so that a transaction can tell whether the area may have changed.
 *
 * Return: 0, or a negative errno: the transport's read error (message set),
 * -ENOMEM. Never fails on the area's content.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_load(struct ndctl_lsa_xport *t, unsigned flags, struct ndctl_lsa **out);

/**
 * ndctl_lsa_decode() - decode a label area already in memory
 * @buf: the area's bytes (copied)
 * @size: their count, the area's size
 * @out: set to the decoded area on success; free it with ndctl_lsa_free()
 *
 * As ndctl_lsa_load() with NDCTL_LSA_LOAD_FULL, without a transport.
 *
 * Return: 0, or -ENOMEM; never fails on content.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_decode(const void *buf, size_t size, struct ndctl_lsa **out);

/**
 * ndctl_lsa_free() - free a decoded area
 * @lsa: the area (NULL is ignored)
 *
 * Since: LIBNDCTL_1
 */
void ndctl_lsa_free(struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_has_index_signature() - recognise a label area by its index signature
 * @buf: bytes starting at a 256-byte boundary of the area (its start, or an
 *       aligned piece of it), e.g. the tail of a QEMU backend file
 * @len: how many bytes of @buf to look at
 *
 * Index blocks start at 256-byte boundaries with "NAMESPACE_INDEX\0"; this
 * looks for that signature at offsets 0, 256, 512, ... of @buf and checks
 * nothing else (no checksum, sequence or size), so that an area torn in the
 * middle of an update still counts as one. Pure: reads only @buf.
 *
 * Return: true if the whole 16-byte signature starts at one of those offsets
 * within @len, false otherwise.
 * Since: LIBNDCTL_3
 */
bool ndctl_lsa_has_index_signature(const void *buf, size_t len);

/*
 * Getters of a decoded area: they never fail. Index getters take i = 0 or 1.
 */

/**
 * ndctl_lsa_valid() - whether the area has a valid index block
 * @lsa: a decoded area
 *
 * Return: true when index 0 or 1 passes the kernel's checks.
 * Since: LIBNDCTL_1
 */
bool ndctl_lsa_valid(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_size() - the area's size
 * @lsa: a decoded area
 *
 * Return: the config size in bytes.
 * Since: LIBNDCTL_1
 */
uint64_t ndctl_lsa_size(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_labelsize() - the size of one label slot
 * @lsa: a decoded area
 *
 * Return: 128 (v1.1) or 256 (v1.2); 0 when no index is valid.
 * Since: LIBNDCTL_1
 */
unsigned ndctl_lsa_labelsize(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_version_minor() - the label format's minor version
 * @lsa: a decoded area
 *
 * Return: 1 or 2 (the major is 1), from the label size; 0 when no index is
 * valid.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_version_minor(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_nslot() - the number of label slots
 * @lsa: a decoded area
 *
 * Return: the current index's nslot; 0 when no index is valid.
 * Since: LIBNDCTL_1
 */
uint32_t ndctl_lsa_nslot(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_isz() - the size of one index block
 * @lsa: a decoded area
 *
 * Return: the bytes each index block takes (a multiple of 256); 0 when no
 * index is valid.
 * Since: LIBNDCTL_1
 */
uint32_t ndctl_lsa_isz(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_current_index() - which index block the kernel would use
 * @lsa: a decoded area
 *
 * The valid one, or of two valid ones the one with the newer sequence
 * number, by the kernel's rule.
 *
 * Return: 0 or 1; -1 when no index is valid.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_current_index(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_index_valid() - whether one index block is valid
 * @lsa: a decoded area
 * @i: 0 or 1
 *
 * Return: true when index @i passes the kernel's checks; false for any
 * other @i.
 * Since: LIBNDCTL_1
 */
bool ndctl_lsa_index_valid(const struct ndctl_lsa *lsa, int i);

/**
 * ndctl_lsa_index_seq() - an index block's sequence number, as stored
 * @lsa: a decoded area
 * @i: 0 or 1
 *
 * Return: the raw seq field (valid or not); 0 when @i is not 0 or 1 or the
 * area is too small to hold that block.
 * Since: LIBNDCTL_1
 */
uint32_t ndctl_lsa_index_seq(const struct ndctl_lsa *lsa, int i);

/**
 * ndctl_lsa_index_problem() - why an index block is invalid
 * @lsa: a decoded area
 * @i: 0 or 1
 *
 * Return: a static one-line reason ("no NAMESPACE_INDEX signature", ...),
 * NULL when index @i is valid, "no such index" for any other @i.
 * Since: LIBNDCTL_1
 */
const char *ndctl_lsa_index_problem(const struct ndctl_lsa *lsa, int i);

/**
 * ndctl_lsa_nfree() - free label slots
 * @lsa: a decoded area
 *
 * Return: the slots the current index marks free (nslot minus those in
 * use); 0 when no index is valid.
 * Since: LIBNDCTL_1
 */
uint32_t ndctl_lsa_nfree(const struct ndctl_lsa *lsa);

/*
 * The raw header fields of an index block as found on media (for read-labels
 * style dumps).
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

/**
 * ndctl_lsa_index_info() - an index block's header fields as stored
 * @lsa: a decoded area
 * @i: 0 or 1
 * @out: filled in on success
 *
 * The block is located with the area's index size, or the v1.1 one when no
 * index is valid; its fields are given whether it is valid or not.
 *
 * Return: 0, or -ERANGE when @i is not 0 or 1 or the area is too small to
 * hold the block.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_index_info(const struct ndctl_lsa *lsa, int i, struct ndctl_lsa_index_info *out);

/**
 * ndctl_lsa_slot_in_use() - whether the current index marks a slot in use
 * @lsa: a decoded area
 * @slot: a slot number
 *
 * Return: true when in use; false when free, past nslot, or no index is
 * valid.
 * Since: LIBNDCTL_1
 */
bool ndctl_lsa_slot_in_use(const struct ndctl_lsa *lsa, uint32_t slot);

/**
 * ndctl_lsa_label_count() - the number of active labels
 * @lsa: a decoded area
 *
 * Active, as the kernel counts them: in use in the current index, their
 * slot field matching their slot, and (v1.2) their checksum good.
 *
 * Return: the count; 0 when no index is valid.
 * Since: LIBNDCTL_1
 */
unsigned ndctl_lsa_label_count(const struct ndctl_lsa *lsa);

/**
 * ndctl_lsa_label_get() - the i-th active label, by slot order
 * @lsa: a decoded area
 * @i: 0 .. ndctl_lsa_label_count() - 1
 * @out: filled in with the decoded label (its slot field included)
 *
 * Return: 0, or -ENOENT when @i is out of range.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_label_get(const struct ndctl_lsa *lsa, unsigned i, struct ndctl_label *out);

/**
 * ndctl_lsa_slot_decode() - decode any loaded slot, active or not
 * @lsa: a decoded area
 * @slot: a slot number
 * @out: filled in with what the slot holds
 *
 * Return: 0; -ENOENT when no index is valid or @slot is past nslot;
 * -ENODATA when the slot was not read (a free slot of an area loaded
 * without NDCTL_LSA_LOAD_FULL).
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_slot_decode(const struct ndctl_lsa *lsa, uint32_t slot, struct ndctl_label *out);

/**
 * ndctl_lsa_raw() - the area's bytes as loaded
 * @lsa: a decoded area
 *
 * Return: ndctl_lsa_size() bytes, owned by @lsa; bytes that were not read
 * (an area loaded without NDCTL_LSA_LOAD_FULL) are zero.
 * Since: LIBNDCTL_1
 */
const uint8_t *ndctl_lsa_raw(const struct ndctl_lsa *lsa);

struct json_object;
/**
 * ndctl_lsa_to_json() - a decoded area as the test data's JSON
 * @lsa: a decoded area
 *
 * Shaped like tests/data's *.expected.json: valid, version, labelsize,
 * nslot, current_index, valid_indexes, seq (of the valid indexes, masked to
 * 2 bits), labels[] (the active ones; GUIDs in text form, v1.2 only). An
 * area with no valid index gives {"valid": false}.
 *
 * Return: a new json-c object (json_object_put() it), NULL when out of
 * memory.
 * Since: LIBNDCTL_1
 */
struct json_object *ndctl_lsa_to_json(const struct ndctl_lsa *lsa);

enum ndctl_lsa_json_flags {
	NDCTL_LSA_JSON_HUMAN = 1 << 0,
	NDCTL_LSA_JSON_INDEX_ONLY = 1 << 1,	/* no label[] */
	NDCTL_LSA_JSON_ALL_SLOTS = 1 << 2,
};

/**
 * ndctl_lsa_dump_json() - `ndctl read-labels -j` for one area
 * @lsa: a decoded area
 * @dev: the "dev" value (the DIMM's or file's name)
 * @flags: enum ndctl_lsa_json_flags: HUMAN prints flags, cookie and dpa in
 *	hex and rawsize as a human size; INDEX_ONLY leaves out label[];
 *	ALL_SLOTS adds stale labels, each with "active" (needs the area
 *	loaded with NDCTL_LSA_LOAD_FULL)
 *
 * Upstream's keys and order: dev, index[] (both blocks' raw header fields),
 * label[] (the active labels).
 *
 * Return: a new json-c object (json_object_put() it), NULL when out of
 * memory.
 * Since: LIBNDCTL_2
 */
struct json_object *ndctl_lsa_dump_json(const struct ndctl_lsa *lsa, const char *dev,
		unsigned flags);

/* ------------------------------------------------------------------------
 * Transactions. Never overwrite a live label or the current index: new labels
 * go to free slots, then the other index block is written with the next seq.
 * Each takes the transport's lock; on success lsa reflects the new state, on
 * failure reload it (a later transaction on it fails with -ESTALE).
 * ------------------------------------------------------------------------ */

/**
 * ndctl_lsa_init() - write empty index blocks, as the kernel does
 * @t: a writable transport
 * @labelsize: 128 (v1.1) or 256 (v1.2)
 * @out: if not NULL, set to the new decoded area (free it with ndctl_lsa_free())
 *
 * Index 0 gets seq 3, index 1 seq 2, every slot free, bitmap bits past
 * nslot zero; slots are not written. Like the kernel's, this is not a
 * transaction (index 0, then index 1): use it on an uninitialized area or
 * one whose labels are being discarded.
 *
 * Return: 0, or a negative errno with the transport's message set: -EINVAL
 * for another @labelsize, -ENOSPC when the area cannot hold two index
 * blocks and two labels, -EPERM (read-only), -EBUSY (locked), I/O errors,
 * -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_init(struct ndctl_lsa_xport *t, unsigned labelsize, struct ndctl_lsa **out);

enum ndctl_lsa_op { NDCTL_LSA_ADD, NDCTL_LSA_UPDATE, NDCTL_LSA_DELETE };
struct ndctl_lsa_change {
	enum ndctl_lsa_op op;
	uint32_t slot;			/* UPDATE/DELETE: the live slot to replace/free */
	const struct ndctl_label *label;	/* ADD/UPDATE: the new content (slot ignored) */
	uint32_t new_slot;		/* out: where ADD/UPDATE wrote the label */
};

/**
 * ndctl_lsa_apply() - apply changes to the labels as one transaction
 * @lsa: the area as loaded from @t
 * @t: its writable transport
 * @changes: @n adds, updates and deletes; new_slot is set for each add and
 *	update
 * @n: their count (0: rewrite the index, see ndctl_lsa_repair())
 *
 * Every new label goes to a free slot (lowest first) and is synced, then ONE
 * index write, to the non-current block with the next seq, publishes them
 * all and frees the replaced slots. A crash leaves the old or the new state.
 *
 * Return: 0, or a negative errno with the transport's message set: -ENOSPC
 * (not enough free slots), -ENOENT (an update or delete names a slot that
 * holds no label), -EINVAL (an add or update without a label, or @lsa and
 * @t differ in size), -ENODATA (no valid index: init first), -ESTALE (an
 * earlier transaction on @lsa failed, or the area changed since @lsa was
 * loaded), -EPERM, -EBUSY, I/O errors, -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_apply(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		struct ndctl_lsa_change *changes, unsigned n);

/**
 * ndctl_lsa_add() - add one label
 * @lsa: the area as loaded from @t
 * @t: its writable transport
 * @label: the new label (its slot field is ignored)
 * @slot_out: if not NULL, set to the slot it went to
 *
 * ndctl_lsa_apply() with one NDCTL_LSA_ADD.
 *
 * Return: as ndctl_lsa_apply().
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_add(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		const struct ndctl_label *label, uint32_t *slot_out);

/**
 * ndctl_lsa_update() - replace one label
 * @lsa: the area as loaded from @t
 * @t: its writable transport
 * @slot: the live slot to replace
 * @label: the new content, written to a free slot
 * @slot_out: if not NULL, set to that slot
 *
 * ndctl_lsa_apply() with one NDCTL_LSA_UPDATE.
 *
 * Return: as ndctl_lsa_apply().
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_update(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint32_t slot,
		const struct ndctl_label *label, uint32_t *slot_out);

/**
 * ndctl_lsa_delete() - free one label's slot
 * @lsa: the area as loaded from @t
 * @t: its writable transport
 * @slot: the live slot to free
 *
 * ndctl_lsa_apply() with one NDCTL_LSA_DELETE.
 *
 * Return: as ndctl_lsa_apply().
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_delete(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint32_t slot);

/**
 * ndctl_lsa_set_update() - write a namespace's labels on all its DIMMs
 * @lsas: the @n DIMMs' areas, as loaded from @ts
 * @ts: their writable transports
 * @n: the number of DIMMs
 * @old_slots: per DIMM, the label to replace, or UINT32_MAX to add (NULL:
 *	add on every DIMM)
 * @labels: per DIMM, the final label
 *
 * The kernel's UPDATING protocol: pass 1 writes each DIMM's label with
 * NDCTL_LABEL_FLAG_UPDATING set, pass 2 rewrites each with its flags as
 * given. Each write is its own transaction; a failure stops at once and
 * leaves the DIMMs written so far as they are.
 *
 * Return: 0, or the first failing transaction's negative errno, -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_set_update(struct ndctl_lsa **lsas, struct ndctl_lsa_xport **ts, unsigned n,
		const uint32_t *old_slots, const struct ndctl_label *labels);

/**
 * ndctl_lsa_repair() - rewrite a torn index block from the current one
 * @lsa: the area as loaded from @t
 * @t: its writable transport
 *
 * A transaction with no change: the current index, seq incremented, is
 * written to the invalid block's place.
 *
 * Return: 0 when both blocks were valid (nothing to do), 1 when repaired,
 * -ENODATA when no index is valid, else as ndctl_lsa_apply().
 * Since: LIBNDCTL_1
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

/**
 * ndctl_lsa_validate() - check an area the way the kernel and ndctl would
 * @lsa: a decoded area
 * @expect: what is known about the DIMM (accepted cookies); NULL: nothing
 * @out: set to a malloc'd array of findings (free() it)
 * @n: set to their count
 *
 * Index blocks and labels, each finding with a stable id, a severity, the
 * index block or slot concerned and a one-line message.
 *
 * Return: the number of NDCTL_LSA_ERROR findings (0: the kernel would
 * accept the area), or -ENOMEM (*@out and *@n untouched).
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_validate(const struct ndctl_lsa *lsa, const struct ndctl_lsa_expect *expect,
		struct ndctl_lsa_finding **out, unsigned *n);

/**
 * ndctl_lsa_severity_name() - a severity in words
 * @s: the severity
 *
 * Return: "error", "warning" or "info" (static).
 * Since: LIBNDCTL_1
 */
const char *ndctl_lsa_severity_name(enum ndctl_lsa_severity s);

/**
 * struct ndctl_lsa_region_map - one region's extent on a DIMM
 * @dpa: regionN/mappingK's dpa
 * @size: its length
 * @cookies: the interleave-set cookies its labels may carry (regionN/set_cookie, the altcookie)
 * @ncookies: how many of @cookies are set (0: cookies not checked)
 */
struct ndctl_lsa_region_map {
	uint64_t dpa, size;
	uint64_t cookies[2];
	unsigned ncookies;
};

/**
 * ndctl_lsa_validate_regions() - check a DIMM's labels against the regions that use it
 * @lsa: the DIMM's area
 * @maps: the regions' extents on this DIMM
 * @nmaps: their count (0 checks nothing)
 * @out: set to a malloc'd array of findings (free() it), NULL on failure
 * @n: set to their count
 *
 * As the kernel's region probe reads them (docs/labels.md, "Kernel rules"): a
 * label whose dpa starts in none of @maps belongs to no region (dpa-outside,
 * warning), one in a region whose cookie it does not carry is skipped
 * (cookie-mismatch, warning): the kernel ignores both. One that starts in its
 * region but ends past the region's extent (extent-outside, error) fails the
 * region's probe.
 *
 * Return: the number of error findings, or -ENOMEM.
 * Since: LIBNDCTL_4
 */
int ndctl_lsa_validate_regions(const struct ndctl_lsa *lsa, const struct ndctl_lsa_region_map *maps,
		unsigned nmaps, struct ndctl_lsa_finding **out, unsigned *n);

/**
 * ndctl_lsa_validate_set() - check a namespace's labels across a region's DIMMs
 * @lsas: the @n DIMMs' areas (an entry may be NULL for a DIMM without labels)
 * @n: the number of DIMMs
 * @out: set to a malloc'd array of findings (free() it), NULL on failure
 * @nfindings: set to their count
 *
 * Every uuid whose labels say nlabel == k needs positions 0..k-1 exactly
 * once. Ids: position-missing, position-duplicate, nlabel-mismatch (labels
 * of one uuid disagree on nlabel). In a finding, slot is the slot of the
 * label concerned and index the DIMM's number in @lsas.
 *
 * Return: the number of error findings, or -ENOMEM.
 * Since: LIBNDCTL_1
 */
int ndctl_lsa_validate_set(const struct ndctl_lsa *const *lsas, unsigned n,
		struct ndctl_lsa_finding **out, unsigned *nfindings);

/**
 * ndctl_lsa_validate_region() - what the kernel's namespace scan makes of a region
 * @lsas: the areas of the region's DIMMs, in mapping order (mapping 0 first;
 *	an entry may be NULL for a DIMM without labels)
 * @maps: each mapping's extent on its DIMM; the cookies accepted are
 *	@maps[0]'s (the region's cookie for mapping 0's index version, and the
 *	altcookie when known; ncookies 0: any)
 * @n: the number of mappings
 * @type_guid: the region's type GUID in text order, checked in 256-byte
 *	labels (NULL: not checked)
 * @out: set to a malloc'd array of findings (free() it), NULL on failure
 * @nfindings: set to their count
 *
 * scan_labels() as Linux 6.1 runs it (docs/labels.md, "Kernel rules" K3-K7):
 * each label of mapping 0's DIMM that starts in the mapping and carries an
 * accepted cookie starts a namespace, which needs every position 0..n-1 on
 * some DIMM (cookie, type GUID, nlabel == n, no second label of the uuid with
 * the cookie on one DIMM) and each DIMM's first label of the uuid inside its
 * mapping; a second mapping-0 label of an assembled uuid conflicts. Errors,
 * each failing the whole region ("the region probe fails", reported on
 * mapping 0's label, index 0): region-label-missing, region-uuid-conflict,
 * region-extent. Warnings ("the kernel ignores it"): region-unused, a label
 * in its mapping that no namespace uses. In a finding, index is the
 * mapping's number.
 *
 * Return: the number of error findings (0: the region probes), or -ENOMEM.
 * Since: LIBNDCTL_4
 */
int ndctl_lsa_validate_region(const struct ndctl_lsa *const *lsas,
		const struct ndctl_lsa_region_map *maps, unsigned n, const uint8_t *type_guid,
		struct ndctl_lsa_finding **out, unsigned *nfindings);

#ifdef __cplusplus
}
#endif
#endif
