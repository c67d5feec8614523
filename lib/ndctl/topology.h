/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_TOPOLOGY_H
#define NDKIT_NDCTL_TOPOLOGY_H
/*
 * Buses, DIMMs, regions, namespaces and their personalities over sysfs
 * (topology/). Names, prototypes and iteration order follow upstream libndctl.
 *
 * Conventions, unless a declaration says otherwise:
 * - Objects are owned by the context: never free them; they stay valid until
 *   ndctl_invalidate() or the last ndctl_unref(). get_first/get_next return
 *   NULL at the end (or when the sysfs tree cannot be read; see the log).
 * - Getters read sysfs when called and do not fail: an absent attribute reads
 *   as 0, "", -1 (nodes) or the "unknown" value; upstream's fallible getters
 *   (*_get_resource) return ULLONG_MAX.
 * - Returned strings: names (get_devname) are owned by the object; the others
 *   (provider, block devices, chardev) live in a per-thread buffer valid until
 *   the same function is called again in that thread. Functions taking a buf
 *   write into the caller's buffer (size given) and return it.
 * - Actions (enable, disable, set_*) return 0 or a negative errno and log the
 *   reason through the context's log callback.
 * - One context must not be used by two threads at once.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uuid/uuid.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndctl_ctx;
struct ndctl_bus;
struct ndctl_dimm;
struct ndctl_region;
struct ndctl_mapping;
struct ndctl_namespace;
struct ndctl_pfn;
struct ndctl_dax;
struct ndctl_btt;
struct ndctl_cmd;
struct ndctl_interleave_set;
struct daxctl_region;

/*
 * One bad range in 512-byte sectors, as the kernel's badblocks lists give it.
 * Returned by the *_badblock iterators: owned by the object iterated, valid
 * until the next call on it (not thread-safe per object).
 */
struct badblock {
	unsigned long long offset;
	unsigned int len;
};

/* An ARS range (ndctl_cmd_ars_cap_get_range). */
struct ndctl_range {
	unsigned long long address;
	unsigned long long length;
};

enum ndctl_namespace_mode {
	NDCTL_NS_MODE_MEMORY,	/* fsdax */
	NDCTL_NS_MODE_SAFE,	/* sector */
	NDCTL_NS_MODE_RAW,
	NDCTL_NS_MODE_DAX,	/* devdax */
	NDCTL_NS_MODE_UNKNOWN,
};
#define NDCTL_NS_MODE_FSDAX NDCTL_NS_MODE_MEMORY
#define NDCTL_NS_MODE_DEVDAX NDCTL_NS_MODE_DAX

/* A DIMM's security state (its "security" attribute), upstream's values. */
enum ndctl_security_state {
	NDCTL_SECURITY_INVALID = -1,
	NDCTL_SECURITY_DISABLED = 0,
	NDCTL_SECURITY_UNLOCKED,
	NDCTL_SECURITY_LOCKED,
	NDCTL_SECURITY_FROZEN,
	NDCTL_SECURITY_OVERWRITE,
};

enum ndctl_pfn_loc {
	NDCTL_PFN_LOC_NONE,
	NDCTL_PFN_LOC_RAM,
	NDCTL_PFN_LOC_PMEM,
};

/**
 * ndctl_invalidate() - drop every cached topology object
 * @ctx: the library context
 *
 * Every bus, DIMM, region, mapping, namespace and personality pointer
 * becomes invalid, and so do the libdaxctl objects of
 * ndctl_get_daxctl_ctx(); the next walk reads sysfs again. Call it
 * after the kernel topology changed. Short of this, objects keep the
 * attribute values they read until this context writes to sysfs (a
 * region's available_size and max_available_extent and the resource
 * addresses excepted: those are read at each call), so another
 * process's changes show only after it.
 *
 * Since: LIBNDCTL_1
 */
void ndctl_invalidate(struct ndctl_ctx *ctx);

/*
 * Buses, in upstream's order.
 */

/**
 * ndctl_bus_get_first() - the first NVDIMM bus
 * @ctx: the library context
 *
 * The first topology call reads /sys/bus/nd/devices under the context's
 * root.
 *
 * Return: the first bus, NULL when there is none or the sysfs tree
 * cannot be read (see the log).
 * Since: LIBNDCTL_1
 */
struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx);

/**
 * ndctl_bus_get_next() - the bus after this one
 * @bus: a bus
 *
 * Return: the next bus, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus);

#define ndctl_bus_foreach(ctx, bus) \
	for (bus = ndctl_bus_get_first(ctx); bus; bus = ndctl_bus_get_next(bus))

/**
 * ndctl_bus_get_ctx() - the context a bus belongs to
 * @bus: a bus
 *
 * Return: its context.
 * Since: LIBNDCTL_1
 */
struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus);

/**
 * ndctl_bus_get_devname() - a bus's name
 * @bus: a bus
 *
 * Return: "ndbusN", owned by the bus.
 * Since: LIBNDCTL_1
 */
const char *ndctl_bus_get_devname(struct ndctl_bus *bus);

/**
 * ndctl_bus_get_provider() - who provides a bus
 * @bus: a bus
 *
 * Return: its "provider" attribute ("ACPI.NFIT", "nfit_test.0"), ""
 * when unreadable; in a per-thread buffer valid until the next call in
 * this thread.
 * Since: LIBNDCTL_1
 */
const char *ndctl_bus_get_provider(struct ndctl_bus *bus);

/**
 * ndctl_bus_get_scrub_state() - whether an address range scrub is running
 * @bus: a bus
 *
 * Read anew at each call from the bus's nfit/scrub attribute (the kernel
 * changes it on its own).
 *
 * Return: 1 while a scrub runs, 0 when idle; -EOPNOTSUPP when the bus has
 * no address range scrub (QEMU's NFIT, e820), -ENXIO when the attribute
 * cannot be parsed.
 * Since: LIBNDCTL_5
 */
int ndctl_bus_get_scrub_state(struct ndctl_bus *bus);

/**
 * ndctl_bus_get_scrub_count() - how many address range scrubs have completed
 * @bus: a bus
 *
 * Return: the count; UINT_MAX with errno set (EOPNOTSUPP, ENXIO) when it
 * cannot be read, as ndctl_bus_get_scrub_state().
 * Since: LIBNDCTL_5
 */
unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *bus);

/**
 * ndctl_bus_has_nfit() - whether a bus is an ACPI NFIT bus
 * @bus: a bus
 *
 * Return: 1 when the bus has the NFIT's attributes (nfit/revision): ACPI
 * (QEMU's included) and nfit_test buses; 0 for others (e820) or NULL.
 * Since: LIBNDCTL_5
 */
int ndctl_bus_has_nfit(struct ndctl_bus *bus);

/**
 * ndctl_bus_start_scrub() - ask the kernel for an address range scrub
 * @bus: a bus
 *
 * Writes the bus's nfit/scrub attribute. As upstream, a refusal with
 * EBUSY (the kernel backing off between ARS polls) is retried once after
 * waiting up to one second for the running scrub.
 *
 * Return: 0 once started; -EOPNOTSUPP on a bus without NFIT; the write's
 * negative errno otherwise (-ENOTTY, -ENXIO on a bus without ARS, such as
 * QEMU's NFIT; -EBUSY).
 * Since: LIBNDCTL_5
 */
int ndctl_bus_start_scrub(struct ndctl_bus *bus);

/**
 * ndctl_bus_poll_scrub_completion() - wait for a running scrub to end
 * @bus: a bus
 * @poll_interval: seconds between re-reads of the state (0: only when the
 * kernel notifies a change)
 * @timeout: seconds to wait at most (0: no limit)
 *
 * Waits on the kernel's view of the scrub (nfit/scrub, which the kernel
 * notifies when ARS ends), not the firmware's.
 *
 * Return: 0 when no scrub runs (at once if none did); -ETIMEDOUT after
 * @timeout; -EOPNOTSUPP on a bus without ARS (QEMU's NFIT, e820); a
 * negative errno of poll() or the read.
 * Since: LIBNDCTL_5
 */
int ndctl_bus_poll_scrub_completion(struct ndctl_bus *bus,
		unsigned int poll_interval, unsigned int timeout);

/**
 * ndctl_bus_wait_for_scrub_completion() - wait for a running scrub, without limit
 * @bus: a bus
 *
 * Return: as ndctl_bus_poll_scrub_completion(bus, 0, 0).
 * Since: LIBNDCTL_5
 */
int ndctl_bus_wait_for_scrub_completion(struct ndctl_bus *bus);

/**
 * ndctl_bus_has_error_injection() - whether a bus can inject media errors
 * @bus: a bus
 *
 * Return: 1 when the bus is an NFIT bus whose nfit/dsm_mask offers the
 * three ARS error-injection DSMs (set, clear, status), as nfit_test's
 * does; 0 otherwise (QEMU's NFIT offers none).
 * Since: LIBNDCTL_5
 */
int ndctl_bus_has_error_injection(struct ndctl_bus *bus);

/**
 * ndctl_bus_get_region_by_physical_address() - the region holding an address
 * @bus: a bus
 * @address: a system physical address
 *
 * Return: the region of @bus whose range holds @address, NULL when none.
 * Since: LIBNDCTL_5
 */
struct ndctl_region *ndctl_bus_get_region_by_physical_address(struct ndctl_bus *bus,
		unsigned long long address);

/**
 * ndctl_bus_get_dimm_by_physical_address() - the DIMM holding an address
 * @bus: a bus
 * @address: a system physical address
 *
 * In a region of one DIMM, that DIMM; in an interleaved region, the one
 * the firmware names through the NFIT Translate SPA bus DSM.
 *
 * Return: the DIMM, or NULL when no region holds @address, the bus lacks
 * the DSM for an interleaved region, or the firmware refuses the address.
 * Since: LIBNDCTL_5
 */
struct ndctl_dimm *ndctl_bus_get_dimm_by_physical_address(struct ndctl_bus *bus,
		unsigned long long address);

/**
 * ndctl_bus_get_id() - a bus's number
 * @bus: a bus
 *
 * Return: N of ndbusN.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_bus_get_id(struct ndctl_bus *bus);

/**
 * ndctl_bus_get_by_provider() - find a bus by its provider
 * @ctx: the library context
 * @provider: the provider string to match exactly ("ACPI.NFIT")
 *
 * Return: the first bus with that provider, NULL when none has it.
 * Since: LIBNDCTL_2
 */
struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx, const char *provider);

/**
 * ndctl_bus_is_cmd_supported() - whether a bus offers a bus command
 * @bus: a bus
 * @cmd: ND_CMD_ARS_CAP, ND_CMD_CLEAR_ERROR, ... (linux/ndctl.h)
 *
 * Return: 1 when the bus's "commands" attribute lists the command's
 * name, else 0 (also when the attribute is unreadable).
 * Since: LIBNDCTL_2
 */
int ndctl_bus_is_cmd_supported(struct ndctl_bus *bus, int cmd);

/*
 * Bus commands (address range scrub capabilities, clear error), with
 * upstream's contract: a command the bus does not support cannot be made
 * (NULL), so on QEMU, whose NFIT offers none of them, the constructors return
 * NULL and callers take their fallback path. Commands are reference counted;
 * the constructor's reference is dropped with ndctl_cmd_unref().
 */

/**
 * ndctl_bus_cmd_new_ars_cap() - make an address-range-scrub capabilities command
 * @bus: a bus
 * @address: the start of the physical range to ask about
 * @len: its length in bytes
 *
 * Submit it with ndctl_cmd_submit(); a completed one gives the range
 * and the clear-error unit a clear-error command needs.
 *
 * Return: a new command with one reference, NULL when the bus does not
 * offer ND_CMD_ARS_CAP (debug log) or out of memory.
 * Since: LIBNDCTL_2
 */
struct ndctl_cmd *ndctl_bus_cmd_new_ars_cap(struct ndctl_bus *bus,
		unsigned long long address, unsigned long long len);

/**
 * ndctl_cmd_ars_cap_get_range() - the range a completed ARS capabilities command covers
 * @ars_cap: a command from ndctl_bus_cmd_new_ars_cap()
 * @range: filled in with its address and length
 *
 * Return: 0, or -EINVAL when @range is NULL or @ars_cap is not an ARS
 * capabilities command that was submitted successfully.
 * Since: LIBNDCTL_2
 */
int ndctl_cmd_ars_cap_get_range(struct ndctl_cmd *ars_cap, struct ndctl_range *range);

/**
 * ndctl_bus_cmd_new_clear_error() - make a clear-error command
 * @address: the start of the physical range to clear
 * @len: its length in bytes
 * @ars_cap: a completed ARS capabilities command covering the range
 *
 * As upstream, the range must lie inside @ars_cap's range and be
 * aligned to its clear-error unit (a power of two), and @ars_cap's
 * status must be clean.
 *
 * Return: a new command with one reference, or NULL when those
 * conditions do not hold (debug log), the bus does not offer
 * ND_CMD_CLEAR_ERROR, or out of memory.
 * Since: LIBNDCTL_2
 */
struct ndctl_cmd *ndctl_bus_cmd_new_clear_error(unsigned long long address,
		unsigned long long len, struct ndctl_cmd *ars_cap);

/**
 * ndctl_cmd_clear_error_get_cleared() - how many bytes the firmware cleared
 * @clear_err: a command from ndctl_bus_cmd_new_clear_error()
 *
 * Return: the cleared byte count of a successfully submitted
 * clear-error command; 0 before that, on failure, or for NULL or
 * another command.
 * Since: LIBNDCTL_2
 */
unsigned long long ndctl_cmd_clear_error_get_cleared(struct ndctl_cmd *clear_err);

/**
 * ndctl_cmd_ars_cap_get_size() - the largest ARS status output a bus returns
 * @ars_cap: a command from ndctl_bus_cmd_new_ars_cap()
 *
 * Return: max_ars_out in bytes, or 0 when @ars_cap was not submitted
 * successfully.
 * Since: LIBNDCTL_5
 */
unsigned int ndctl_cmd_ars_cap_get_size(struct ndctl_cmd *ars_cap);

/**
 * ndctl_cmd_ars_cap_get_clear_unit() - the bus's clear-error granularity
 * @ars_cap: a command from ndctl_bus_cmd_new_ars_cap()
 *
 * Return: clear_err_unit in bytes, or 0 when @ars_cap was not submitted
 * successfully.
 * Since: LIBNDCTL_5
 */
unsigned int ndctl_cmd_ars_cap_get_clear_unit(struct ndctl_cmd *ars_cap);

/**
 * ndctl_cmd_submit() - run a bus command
 * @cmd: the command
 *
 * Issues the command's ioctl on /dev/ndctlN (under the context's root)
 * and keeps its outcome: the getters above answer only after a submit
 * that returned 0. The firmware's own status is in the command's
 * payload.
 *
 * Return: as upstream, the ioctl's own result: 0, or a positive count of
 * the output bytes the firmware left unfilled (a buffer underrun: the
 * command completed, but the getters refuse it, as upstream's do); else
 * a negative errno (-ENOTTY, -ENXIO, ...; the open's errno is logged);
 * -EINVAL for NULL. Test for failure with < 0.
 * Since: LIBNDCTL_2
 */
int ndctl_cmd_submit(struct ndctl_cmd *cmd);

/**
 * ndctl_cmd_ref() - take another reference on a command
 * @cmd: the command (NULL is ignored)
 *
 * Since: LIBNDCTL_2
 */
void ndctl_cmd_ref(struct ndctl_cmd *cmd);

/**
 * ndctl_cmd_unref() - drop a reference on a command
 * @cmd: the command (NULL is ignored)
 *
 * The last reference frees it.
 *
 * Since: LIBNDCTL_2
 */
void ndctl_cmd_unref(struct ndctl_cmd *cmd);

/*
 * DIMMs (nmemN) of a bus.
 */

/**
 * ndctl_dimm_get_first() - a bus's first DIMM
 * @bus: a bus
 *
 * Return: the first DIMM in sysfs order, NULL when the bus has none.
 * Since: LIBNDCTL_1
 */
struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *bus);

/**
 * ndctl_dimm_get_next() - the DIMM after this one on its bus
 * @dimm: a DIMM
 *
 * Return: the next DIMM, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *dimm);

#define ndctl_dimm_foreach(bus, dimm) \
	for (dimm = ndctl_dimm_get_first(bus); dimm; dimm = ndctl_dimm_get_next(dimm))

/**
 * ndctl_dimm_get_bus() - the bus a DIMM is on
 * @dimm: a DIMM
 *
 * Return: its bus.
 * Since: LIBNDCTL_1
 */
struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_ctx() - the context a DIMM belongs to
 * @dimm: a DIMM
 *
 * Return: its context.
 * Since: LIBNDCTL_1
 */
struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_devname() - a DIMM's name
 * @dimm: a DIMM
 *
 * Return: "nmemN", owned by the DIMM.
 * Since: LIBNDCTL_1
 */
const char *ndctl_dimm_get_devname(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_id() - a DIMM's number
 * @dimm: a DIMM
 *
 * Return: N of nmemN.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_dimm_get_id(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_unique_id() - a DIMM's NFIT identity
 * @dimm: a DIMM
 *
 * Return: its nfit/id attribute ("vendor-serial"-style, at most 63
 * characters), owned by the DIMM and rewritten at each call; NULL when
 * the DIMM has none (older kernels, a bus without NFIT), as upstream.
 * Since: LIBNDCTL_1
 */
const char *ndctl_dimm_get_unique_id(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_handle() - a DIMM's NFIT handle
 * @dimm: a DIMM
 *
 * Return: its nfit/handle attribute; UINT_MAX when absent (a bus
 * without NFIT), as upstream.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_dimm_get_handle(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_phys_id() - a DIMM's NFIT physical id
 * @dimm: a DIMM
 *
 * Return: its nfit/phys_id attribute; USHRT_MAX when absent (a bus
 * without NFIT), as upstream.
 * Since: LIBNDCTL_1
 */
unsigned short ndctl_dimm_get_phys_id(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_is_enabled() - whether a DIMM is bound to its driver
 * @dimm: a DIMM
 *
 * Return: 1 when bound, else 0 (upstream's int).
 * Since: LIBNDCTL_1
 */
int ndctl_dimm_is_enabled(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_available_slots() - free label slots in a DIMM's label area
 * @dimm: a DIMM
 *
 * Return: the kernel's available_slots attribute, 0 when absent (a DIMM
 * without labels, or disabled).
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_dimm_get_available_slots(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_is_active() - whether an enabled region uses a DIMM
 * @dimm: a DIMM
 *
 * Return: 1 when its "state" attribute says "active", 0 when it says
 * anything else, -ENXIO when it cannot be read (as upstream: test for
 * > 0, not for truth).
 * Since: LIBNDCTL_1
 */
int ndctl_dimm_is_active(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_enable() - bind a DIMM to its driver
 * @dimm: a DIMM
 *
 * The driver's module is loaded when needed; the kernel reads the label
 * area as it binds.
 *
 * Return: 0, also when already bound; -ENXIO when no driver took it;
 * another negative errno from the bind or the wait for it (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_dimm_enable(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_disable() - unbind a DIMM from its driver
 * @dimm: a DIMM
 *
 * Return: 0, also when not bound; -EBUSY when it is active (logged:
 * disable its regions first); the unbind's negative errno.
 * Since: LIBNDCTL_1
 */
int ndctl_dimm_disable(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_dirty_shutdown() - a DIMM's unsafe shutdown count
 * @dimm: a DIMM
 *
 * Return: nfit/dirty_shutdown, or -ENOENT when the DIMM reports none
 * (QEMU's do not).
 * Since: LIBNDCTL_2
 */
long long ndctl_dimm_get_dirty_shutdown(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_failed_save() - whether the last shutdown's save of the DIMM's contents failed
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "save_fail", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_failed_save(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_failed_arm() - whether the DIMM is not armed to save its contents at the next power loss
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "not_armed", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_failed_arm(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_failed_restore() - whether the restore of the DIMM's contents at boot failed
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "restore_fail", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_failed_restore(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_failed_flush() - whether the platform's flush of the DIMM at the last shutdown failed
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "flush_fail", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_failed_flush(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_failed_map() - whether the DIMM's memory could not be mapped
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "map_fail", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_failed_map(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_smart_pending() - whether the DIMM has a SMART health event pending
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "smart_event", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_smart_pending(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_has_notifications() - whether the DIMM sends health notifications
 * @dimm: a DIMM
 *
 * Return: 1 when its nfit/flags attribute lists "smart_notify", 0 otherwise
 * (also when there is no such attribute: QEMU's DIMMs, other buses).
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_has_notifications(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_has_errors() - whether any of the DIMM's NFIT flags reports a failure
 * @dimm: a DIMM
 *
 * Return: 1 when one of ndctl_dimm_failed_save(), _failed_arm(),
 * _failed_restore(), _failed_flush(), _failed_map() or
 * ndctl_dimm_smart_pending() would, 0 otherwise.
 * Since: LIBNDCTL_5
 */
int ndctl_dimm_has_errors(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_get_security() - a DIMM's security state
 * @dimm: a DIMM
 *
 * Return: the state its "security" attribute names;
 * NDCTL_SECURITY_INVALID when the DIMM has none (no security commands, as
 * on QEMU) or names another.
 * Since: LIBNDCTL_5
 */
enum ndctl_security_state ndctl_dimm_get_security(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_security_is_frozen() - whether a DIMM's security is frozen
 * @dimm: a DIMM
 *
 * Return: true when its state is NDCTL_SECURITY_FROZEN or its "frozen"
 * attribute is non-zero, false otherwise.
 * Since: LIBNDCTL_5
 */
bool ndctl_dimm_security_is_frozen(struct ndctl_dimm *dimm);

/*
 * A DIMM's label area (see ndctl/lsa.h), through the DSM transport, with
 * every failure logged through the DIMM's context once, with the fix.
 */

/**
 * ndctl_dimm_lsa_open() - open a DIMM's label area
 * @dimm: a DIMM
 * @flags: enum ndctl_lsa_open_flags (NDCTL_LSA_WRITABLE,
 *	NDCTL_LSA_NOWAIT, NDCTL_LSA_WAIT_SECONDS())
 * @out: set to the transport on success, NULL on failure
 *
 * Opens /dev/nmemN (under the context's root) with
 * ndctl_lsa_dsm_open(), the transport made from the DIMM's context so
 * that its later I/O errors are logged there too. For writing, a DIMM
 * an enabled region uses is refused first (ndctl_dimm_check_idle()).
 * Close the transport with ndctl_lsa_xport_close().
 *
 * Return: 0; -EPERM when not run as root (the label commands are
 * root-only); -EBUSY from the idle check or the lock; any error of
 * ndctl_lsa_dsm_open(). Logged.
 * Since: LIBNDCTL_2
 */
int ndctl_dimm_lsa_open(struct ndctl_dimm *dimm, unsigned flags, struct ndctl_lsa_xport **out);

/**
 * ndctl_dimm_check_idle() - whether a DIMM's labels may be written
 * @dimm: a DIMM
 *
 * Return: 0 when no enabled region maps the DIMM and it is not active;
 * -EBUSY otherwise (logged, naming the region to disable).
 * Since: LIBNDCTL_2
 */
int ndctl_dimm_check_idle(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_revalidate_labels() - make the kernel reread a DIMM's label area
 * @dimm: a DIMM
 *
 * After writing labels: the DIMM is unbound and bound again. A DIMM not
 * bound holds no cached copy and is left alone.
 *
 * Return: 0, or the negative errno of the disable or enable (logged
 * with the command that finishes the job).
 * Since: LIBNDCTL_2
 */
int ndctl_dimm_revalidate_labels(struct ndctl_dimm *dimm);

/**
 * ndctl_dimm_read_labels() - read and decode a DIMM's label area
 * @dimm: a DIMM
 * @load_flags: ndctl_lsa_load() flags (NDCTL_LSA_LOAD_FULL)
 * @out: set to the decoded area (free it with ndctl_lsa_free()), NULL
 *	on failure
 *
 * Opens the area read-only, loads it and closes it again.
 *
 * Return: 0, or a negative errno of ndctl_dimm_lsa_open() or
 * ndctl_lsa_load().
 * Since: LIBNDCTL_2
 */
int ndctl_dimm_read_labels(struct ndctl_dimm *dimm, unsigned load_flags, struct ndctl_lsa **out);

/**
 * ndctl_dimm_init_labels() - write empty index blocks on an idle DIMM
 * @dimm: a DIMM
 * @labelsize: 128 (v1.1 labels) or 256 (v1.2)
 *
 * Opens the area for writing (refusing a DIMM in use), writes the index
 * blocks with ndctl_lsa_init() (every label is discarded) and makes the
 * kernel reread it (ndctl_dimm_revalidate_labels()).
 *
 * Return: 0, or a negative errno of those steps (logged).
 * Since: LIBNDCTL_2
 */
int ndctl_dimm_init_labels(struct ndctl_dimm *dimm, unsigned labelsize);

/*
 * Regions of a bus. Sizes in bytes.
 */

/**
 * ndctl_region_get_first() - a bus's first region
 * @bus: a bus
 *
 * Return: the first region in sysfs order, NULL when the bus has none.
 * Since: LIBNDCTL_1
 */
struct ndctl_region *ndctl_region_get_first(struct ndctl_bus *bus);

/**
 * ndctl_region_get_next() - the region after this one on its bus
 * @region: a region
 *
 * Return: the next region, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_region *ndctl_region_get_next(struct ndctl_region *region);

#define ndctl_region_foreach(bus, region) \
	for (region = ndctl_region_get_first(bus); region; \
	     region = ndctl_region_get_next(region))

/**
 * ndctl_region_get_bus() - the bus a region is on
 * @region: a region
 *
 * Return: its bus.
 * Since: LIBNDCTL_1
 */
struct ndctl_bus *ndctl_region_get_bus(struct ndctl_region *region);

/**
 * ndctl_region_get_ctx() - the context a region belongs to
 * @region: a region
 *
 * Return: its context.
 * Since: LIBNDCTL_1
 */
struct ndctl_ctx *ndctl_region_get_ctx(struct ndctl_region *region);

/**
 * ndctl_region_get_devname() - a region's name
 * @region: a region
 *
 * Return: "regionN", owned by the region.
 * Since: LIBNDCTL_1
 */
const char *ndctl_region_get_devname(struct ndctl_region *region);

/**
 * ndctl_region_get_id() - a region's number
 * @region: a region
 *
 * Return: N of regionN.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_region_get_id(struct ndctl_region *region);

/**
 * ndctl_region_get_size() - a region's capacity
 * @region: a region
 *
 * Return: its "size" attribute in bytes, 0 when unreadable.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_region_get_size(struct ndctl_region *region);

/**
 * ndctl_region_get_resource() - a region's physical start address
 * @region: a region
 *
 * Read at each call.
 *
 * Return: its "resource" attribute, ULLONG_MAX when unreadable (it is
 * root-only, and absent from captured trees).
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_region_get_resource(struct ndctl_region *region);

/**
 * ndctl_region_get_align() - the alignment of namespace sizes in a region
 * @region: a region
 *
 * Return: its "align" attribute in bytes, as upstream's unsigned long;
 * ULONG_MAX when absent (older kernels).
 * Since: LIBNDCTL_1
 */
unsigned long ndctl_region_get_align(struct ndctl_region *region);

/**
 * ndctl_region_get_available_size() - capacity not yet given to a namespace
 * @region: a region
 *
 * Read at each call, so that other processes' allocations show.
 *
 * Return: the "available_size" attribute in bytes; 0 for a label-less
 * region (its one namespace has all of it); ULLONG_MAX with errno set
 * when the attribute cannot be read, as upstream.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_region_get_available_size(struct ndctl_region *region);

/**
 * ndctl_region_get_max_available_extent() - the largest free contiguous extent
 * @region: a region
 *
 * Read at each call. The largest namespace a create can make in this
 * region.
 *
 * Return: the "max_available_extent" attribute in bytes; 0 for a
 * label-less region; ULLONG_MAX with errno set when the attribute
 * cannot be read (kernels before 4.19 have none), as upstream: fall
 * back to ndctl_region_get_available_size() then.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_region_get_max_available_extent(struct ndctl_region *region);

/**
 * ndctl_region_get_nstype() - the kind of namespace a region holds
 * @region: a region
 *
 * Return: its "nstype" attribute: 5 (ND_DEVICE_NAMESPACE_PMEM, labeled)
 * or 4 (ND_DEVICE_NAMESPACE_IO, label-less); 0 when unreadable.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_region_get_nstype(struct ndctl_region *region);

/**
 * ndctl_region_get_type_name() - a region's type in words
 * @region: a region
 *
 * Return: "pmem" for a labeled or label-less pmem region, else
 * "unknown" (static).
 * Since: LIBNDCTL_1
 */
const char *ndctl_region_get_type_name(struct ndctl_region *region);

/**
 * ndctl_region_get_mappings() - how many DIMM extents make up a region
 * @region: a region
 *
 * Return: its "mappings" attribute, 0 when unreadable.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_region_get_mappings(struct ndctl_region *region);

/**
 * ndctl_region_get_interleave_ways() - how many DIMMs a region interleaves
 * @region: a region
 *
 * There is no such attribute: as upstream, one way per mapping.
 *
 * Return: ndctl_region_get_mappings(), or 1 when that is 0.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_region_get_interleave_ways(struct ndctl_region *region);

/**
 * ndctl_region_get_iset_cookie() - a labeled region's interleave-set cookie
 * @region: a region
 *
 * The value labels carry in isetcookie
 * (ndctl_interleave_set_get_cookie() gives it raw for any region).
 *
 * Return: the "set_cookie" attribute; 0 for a label-less region or when
 * absent.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_region_get_iset_cookie(struct ndctl_region *region);

/* Upstream's answers of the NUMA getters: unreadable, and absent (kernels before 5.4). */
#define NUMA_NO_NODE    (-1)
#define NUMA_NO_ATTR    (-2)

/**
 * ndctl_region_get_numa_node() - the NUMA node closest to a region
 * @region: a region
 *
 * Return: its "numa_node" attribute; as upstream, NUMA_NO_ATTR (-2) when
 * the kernel has none (before 5.4) and NUMA_NO_NODE (-1) when it cannot
 * be read otherwise.
 * Since: LIBNDCTL_1
 */
int ndctl_region_get_numa_node(struct ndctl_region *region);

/**
 * ndctl_region_has_numa() - whether the kernel gives a region a NUMA node
 * @region: a region
 *
 * Return: 0 when ndctl_region_get_numa_node() says NUMA_NO_ATTR (no
 * "numa_node" attribute), else 1, as upstream.
 * Since: LIBNDCTL_4
 */
int ndctl_region_has_numa(struct ndctl_region *region);

/**
 * ndctl_region_get_ro() - whether a region is read-only
 * @region: a region
 *
 * The kernel makes a region read-only when a DIMM of it is flagged as
 * unable to take writes (or on request); labels and namespaces on it cannot
 * be changed.
 *
 * Return: 1 when its "read_only" attribute says so, else 0 (also when the
 * attribute cannot be read).
 * Since: LIBNDCTL_4
 */
int ndctl_region_get_ro(struct ndctl_region *region);

/**
 * ndctl_region_get_target_node() - the NUMA node a region's memory would join
 * @region: a region
 *
 * Return: its "target_node" attribute, -1 when absent or unreadable, as
 * upstream.
 * Since: LIBNDCTL_1
 */
int ndctl_region_get_target_node(struct ndctl_region *region);

/**
 * ndctl_region_get_persistence_domain_name() - what makes a region's writes persistent
 * @region: a region
 *
 * Return: "cpu_cache" or "memory_controller" when the
 * "persistence_domain" attribute names them, "none" when it names
 * neither, "unknown" when it is absent or empty (static strings).
 * Since: LIBNDCTL_1
 */
const char *ndctl_region_get_persistence_domain_name(struct ndctl_region *region);

/**
 * ndctl_region_is_enabled() - whether a region is bound to its driver
 * @region: a region
 *
 * Return: 1 when bound, else 0 (upstream's int).
 * Since: LIBNDCTL_1
 */
int ndctl_region_is_enabled(struct ndctl_region *region);

/**
 * ndctl_region_is_labeled() - whether a region's namespaces are defined by labels
 * @region: a region
 *
 * Return: true when its nstype is ND_DEVICE_NAMESPACE_PMEM; false for a
 * label-less (IO) region.
 * Since: LIBNDCTL_1
 */
bool ndctl_region_is_labeled(struct ndctl_region *region);

/**
 * ndctl_region_enable() - bind a region to its driver
 * @region: a region
 *
 * The kernel then registers the region's namespaces and seeds, and
 * binds those it can.
 *
 * Return: 0, also when already bound; -ENXIO when no driver took it;
 * another negative errno from the bind or the wait for it (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_region_enable(struct ndctl_region *region);

/**
 * ndctl_region_disable_safe() - unbind a region after its namespaces
 * @region: a region
 *
 * Each namespace goes through ndctl_namespace_disable_safe() first, in
 * order; the first that refuses stops the call, leaving the namespaces
 * before it disabled and the region bound.
 *
 * Return: 0, also when the region was not bound; a namespace's refusal
 * (-EBUSY: mounted, held open, onlined as system RAM; logged); the
 * unbind's negative errno.
 * Since: LIBNDCTL_1
 */
int ndctl_region_disable_safe(struct ndctl_region *region);

/**
 * ndctl_region_get_namespace_seed() - the namespace a create would configure next
 * @region: a region
 *
 * Return: the namespace the "namespace_seed" attribute names, NULL when
 * unreadable or not found.
 * Since: LIBNDCTL_1
 */
struct ndctl_namespace *ndctl_region_get_namespace_seed(struct ndctl_region *region);

/**
 * ndctl_region_get_pfn_seed() - the idle pfn device of a region
 * @region: a region
 *
 * Return: the pfn device the "pfn_seed" attribute names, NULL when
 * unreadable or not found.
 * Since: LIBNDCTL_1
 */
struct ndctl_pfn *ndctl_region_get_pfn_seed(struct ndctl_region *region);

/**
 * ndctl_region_get_dax_seed() - the idle dax device of a region
 * @region: a region
 *
 * Return: the dax device the "dax_seed" attribute names, NULL when
 * unreadable or not found.
 * Since: LIBNDCTL_1
 */
struct ndctl_dax *ndctl_region_get_dax_seed(struct ndctl_region *region);

/**
 * ndctl_region_get_btt_seed() - the idle btt device of a region
 * @region: a region
 *
 * Return: the btt device the "btt_seed" attribute names, NULL when
 * unreadable or not found.
 * Since: LIBNDCTL_1
 */
struct ndctl_btt *ndctl_region_get_btt_seed(struct ndctl_region *region);

/**
 * ndctl_region_get_first_dimm() - the first DIMM a region maps
 * @region: a region
 *
 * The region's DIMMs are walked in the bus's DIMM order, as upstream
 * walks them.
 *
 * Return: the first DIMM of the bus that one of the region's mappings
 * names, NULL when none does.
 * Since: LIBNDCTL_2
 */
struct ndctl_dimm *ndctl_region_get_first_dimm(struct ndctl_region *region);

/**
 * ndctl_region_get_next_dimm() - the next DIMM a region maps
 * @region: a region
 * @dimm: the current DIMM
 *
 * Return: the next DIMM after @dimm on the bus that the region maps,
 * NULL after the last.
 * Since: LIBNDCTL_2
 */
struct ndctl_dimm *ndctl_region_get_next_dimm(struct ndctl_region *region,
		struct ndctl_dimm *dimm);

#define ndctl_dimm_foreach_in_region(region, dimm) \
	for (dimm = ndctl_region_get_first_dimm(region); dimm; \
	     dimm = ndctl_region_get_next_dimm(region, dimm))

/**
 * ndctl_region_get_first_badblock() - start walking a region's bad blocks
 * @region: a region
 *
 * The region's "badblocks" list is read afresh; offsets are in 512-byte
 * sectors from the region's start. The returned record is owned by the
 * region and valid until the next call on it.
 *
 * Return: the first bad range, NULL when there is none or the list is
 * unreadable.
 * Since: LIBNDCTL_2
 */
struct badblock *ndctl_region_get_first_badblock(struct ndctl_region *region);

/**
 * ndctl_region_get_next_badblock() - the next bad range of a region
 * @region: a region
 *
 * Return: the next record of the list ndctl_region_get_first_badblock()
 * read, NULL after the last.
 * Since: LIBNDCTL_2
 */
struct badblock *ndctl_region_get_next_badblock(struct ndctl_region *region);

#define ndctl_region_badblock_foreach(region, badblock) \
	for (badblock = ndctl_region_get_first_badblock(region); badblock; \
	     badblock = ndctl_region_get_next_badblock(region))

/*
 * Interleave sets, as upstream models them: one per region that has an
 * interleave-set cookie, owned by that region, with the region's DIMMs.
 */

/**
 * ndctl_region_get_interleave_set() - a region's interleave set
 * @region: a region
 *
 * Return: the set, NULL when the region has no "set_cookie" (or an
 * empty one).
 * Since: LIBNDCTL_2
 */
struct ndctl_interleave_set *ndctl_region_get_interleave_set(struct ndctl_region *region);

/**
 * ndctl_interleave_set_get_first() - a bus's first interleave set
 * @bus: a bus
 *
 * Return: the set of the first region with a cookie, NULL when there is
 * none.
 * Since: LIBNDCTL_2
 */
struct ndctl_interleave_set *ndctl_interleave_set_get_first(struct ndctl_bus *bus);

/**
 * ndctl_interleave_set_get_next() - the next interleave set on the bus
 * @iset: an interleave set
 *
 * Return: the set of the next region with a cookie, NULL after the
 * last.
 * Since: LIBNDCTL_2
 */
struct ndctl_interleave_set *ndctl_interleave_set_get_next(struct ndctl_interleave_set *iset);

#define ndctl_interleave_set_foreach(bus, iset) \
	for (iset = ndctl_interleave_set_get_first(bus); iset; \
	     iset = ndctl_interleave_set_get_next(iset))

/**
 * ndctl_interleave_set_get_region() - the region of an interleave set
 * @iset: an interleave set
 *
 * Return: its region.
 * Since: LIBNDCTL_2
 */
struct ndctl_region *ndctl_interleave_set_get_region(struct ndctl_interleave_set *iset);

/**
 * ndctl_interleave_set_get_cookie() - an interleave set's cookie, raw
 * @iset: an interleave set
 *
 * Return: the region's "set_cookie" attribute, labeled region or not
 * (ndctl_region_get_iset_cookie() says 0 for a label-less one).
 * Since: LIBNDCTL_2
 */
unsigned long long ndctl_interleave_set_get_cookie(struct ndctl_interleave_set *iset);

/**
 * ndctl_interleave_set_is_active() - whether an interleave set is in use
 * @iset: an interleave set
 *
 * Return: as upstream, the first of its DIMMs' ndctl_dimm_is_active()
 * answers that is not 0: 1 when that DIMM is active, -ENXIO when its
 * state cannot be read; 0 when none is active.
 * Since: LIBNDCTL_2
 */
int ndctl_interleave_set_is_active(struct ndctl_interleave_set *iset);

/**
 * ndctl_interleave_set_get_first_dimm() - the first DIMM of an interleave set
 * @iset: an interleave set
 *
 * Return: as ndctl_region_get_first_dimm() for its region.
 * Since: LIBNDCTL_2
 */
struct ndctl_dimm *ndctl_interleave_set_get_first_dimm(struct ndctl_interleave_set *iset);

/**
 * ndctl_interleave_set_get_next_dimm() - the next DIMM of an interleave set
 * @iset: an interleave set
 * @dimm: the current DIMM
 *
 * Return: as ndctl_region_get_next_dimm() for its region.
 * Since: LIBNDCTL_2
 */
struct ndctl_dimm *ndctl_interleave_set_get_next_dimm(struct ndctl_interleave_set *iset,
		struct ndctl_dimm *dimm);

#define ndctl_dimm_foreach_in_interleave_set(iset, dimm) \
	for (dimm = ndctl_interleave_set_get_first_dimm(iset); dimm; \
	     dimm = ndctl_interleave_set_get_next_dimm(iset, dimm))

/*
 * Mappings: the DIMM extents a region is made of (its mappingN attributes,
 * "nmemX,dpa,length[,position]"), read when the region is first walked.
 */

/**
 * ndctl_mapping_get_first() - a region's first mapping
 * @region: a region
 *
 * Return: mapping0, NULL when the region has none.
 * Since: LIBNDCTL_1
 */
struct ndctl_mapping *ndctl_mapping_get_first(struct ndctl_region *region);

/**
 * ndctl_mapping_get_next() - the next mapping of its region
 * @mapping: a mapping
 *
 * Return: the next mapping, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_mapping *ndctl_mapping_get_next(struct ndctl_mapping *mapping);

#define ndctl_mapping_foreach(region, mapping) \
	for (mapping = ndctl_mapping_get_first(region); mapping; \
	     mapping = ndctl_mapping_get_next(mapping))

/**
 * ndctl_mapping_get_dimm() - the DIMM of a mapping
 * @mapping: a mapping
 *
 * Return: the DIMM it names, NULL when that DIMM is not on the bus.
 * Since: LIBNDCTL_1
 */
struct ndctl_dimm *ndctl_mapping_get_dimm(struct ndctl_mapping *mapping);

/**
 * ndctl_mapping_get_region() - the region of a mapping
 * @mapping: a mapping
 *
 * Return: its region.
 * Since: LIBNDCTL_1
 */
struct ndctl_region *ndctl_mapping_get_region(struct ndctl_mapping *mapping);

/**
 * ndctl_mapping_get_offset() - where the extent starts on its DIMM
 * @mapping: a mapping
 *
 * Return: the DIMM physical address (dpa) in bytes.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_mapping_get_offset(struct ndctl_mapping *mapping);

/**
 * ndctl_mapping_get_length() - the extent's length
 * @mapping: a mapping
 *
 * Return: its length in bytes.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_mapping_get_length(struct ndctl_mapping *mapping);

/**
 * ndctl_mapping_get_position() - the DIMM's position in the interleave set
 * @mapping: a mapping
 *
 * Return: the position, -1 when the kernel gives none.
 * Since: LIBNDCTL_1
 */
int ndctl_mapping_get_position(struct ndctl_mapping *mapping);

/*
 * Namespaces of a region, seeds included (ndctl_namespace_is_configured()
 * tells them apart). Sizes in bytes.
 */

/**
 * ndctl_namespace_get_first() - a region's first namespace
 * @region: a region
 *
 * Return: the first namespace in sysfs order, NULL when the region has
 * none.
 * Since: LIBNDCTL_1
 */
struct ndctl_namespace *ndctl_namespace_get_first(struct ndctl_region *region);

/**
 * ndctl_namespace_get_next() - the next namespace of its region
 * @ndns: a namespace
 *
 * Return: the next namespace, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_namespace *ndctl_namespace_get_next(struct ndctl_namespace *ndns);

#define ndctl_namespace_foreach(region, ndns) \
	for (ndns = ndctl_namespace_get_first(region); ndns; \
	     ndns = ndctl_namespace_get_next(ndns))

/**
 * ndctl_namespace_get_region() - the region of a namespace
 * @ndns: a namespace
 *
 * Return: its region.
 * Since: LIBNDCTL_1
 */
struct ndctl_region *ndctl_namespace_get_region(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_ctx() - the context a namespace belongs to
 * @ndns: a namespace
 *
 * Return: its context.
 * Since: LIBNDCTL_1
 */
struct ndctl_ctx *ndctl_namespace_get_ctx(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_bus() - the bus of a namespace
 * @ndns: a namespace
 *
 * Return: its region's bus.
 * Since: LIBNDCTL_2
 */
struct ndctl_bus *ndctl_namespace_get_bus(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_devname() - a namespace's name
 * @ndns: a namespace
 *
 * Return: "namespaceR.N", owned by the namespace.
 * Since: LIBNDCTL_1
 */
const char *ndctl_namespace_get_devname(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_id() - a namespace's number in its region
 * @ndns: a namespace
 *
 * Return: N of namespaceR.N.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_namespace_get_id(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_size() - a namespace's capacity
 * @ndns: a namespace
 *
 * Return: its "size" attribute in bytes; 0 for an idle namespace (a
 * seed, or deleted) or when unreadable.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_uuid() - a namespace's uuid
 * @ndns: a namespace
 * @uu: filled in with the uuid, or cleared (all zero) when the
 *	namespace has none or it is unreadable
 *
 * Since: LIBNDCTL_1
 */
void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns, uuid_t uu);

/**
 * ndctl_namespace_get_alt_name() - a namespace's name as its label gives it
 * @ndns: a namespace
 *
 * Re-read at each call (as far as the cache allows) into storage owned
 * by the namespace.
 *
 * Return: the "alt_name" attribute, "" when unnamed or absent; valid
 * until the next call for this namespace.
 * Since: LIBNDCTL_1
 */
const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_resource() - a namespace's physical start address
 * @ndns: a namespace
 *
 * Read at each call.
 *
 * Return: its "resource" attribute, ULLONG_MAX when unreadable
 * (root-only).
 * Since: LIBNDCTL_2
 */
unsigned long long ndctl_namespace_get_resource(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_first_badblock() - start walking a namespace's bad blocks
 * @ndns: a namespace
 *
 * The block device's "badblocks" list (that of the pfn device's disk
 * for fsdax), read afresh; offsets are in 512-byte sectors from the
 * data start. As upstream, sector and devdax namespaces have no such
 * list. The record is owned by the namespace and valid until the next
 * call on it.
 *
 * Return: the first bad range, NULL when there is none, for sector and
 * devdax namespaces, for a namespace without a block device, or when
 * the list is unreadable.
 * Since: LIBNDCTL_2
 */
struct badblock *ndctl_namespace_get_first_badblock(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_next_badblock() - the next bad range of a namespace
 * @ndns: a namespace
 *
 * Return: the next record of the list
 * ndctl_namespace_get_first_badblock() read, NULL after the last.
 * Since: LIBNDCTL_2
 */
struct badblock *ndctl_namespace_get_next_badblock(struct ndctl_namespace *ndns);

#define ndctl_namespace_badblock_foreach(ndns, badblock) \
	for (badblock = ndctl_namespace_get_first_badblock(ndns); badblock; \
	     badblock = ndctl_namespace_get_next_badblock(ndns))

/*
 * Error injection (nfit_test and NFIT firmware with the ARS error-injection
 * DSMs): errors are injected and un-injected one 512-byte block of the
 * namespace at a time, in the data a personality leaves after its info
 * block (fsdax, devdax) or the whole namespace (raw); a sector (BTT)
 * namespace is refused with -EOPNOTSUPP, as upstream.
 */

/* The bits (1 << flag) of the flags of ndctl_namespace_inject_error2(). */
enum ndctl_namespace_inject_flags {
	NDCTL_NS_INJECT_NOTIFY = 0,	/* have the firmware notify the OS, which then scrubs */
	NDCTL_NS_INJECT_SATURATE,	/* the whole block, not only the clear-error unit */
};

/**
 * ndctl_namespace_inject_error2() - inject media errors into a namespace
 * @ndns: a namespace on a bus with ndctl_bus_has_error_injection()
 * @block: the first 512-byte block, from the start of the namespace's data
 * @count: how many blocks
 * @flags: bits 1 << enum ndctl_namespace_inject_flags
 *
 * One ARS Error Inject DSM per block, each over the bus's clear-error unit
 * at the block's start unless NDCTL_NS_INJECT_SATURATE. With
 * NDCTL_NS_INJECT_NOTIFY the kernel scrubs and lists the errors as bad
 * blocks once the scrub ends.
 *
 * Return: 0; -EOPNOTSUPP when the bus cannot inject or the namespace is a
 * BTT; -EINVAL for a block past the end or a firmware refusal of the
 * range; -ENOTTY when the bus has no ARS capabilities command; the
 * ioctl's negative errno. Stops at the first failing block (logged).
 * -EINVAL when @count is 0.
 * Since: LIBNDCTL_5
 */
int ndctl_namespace_inject_error2(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count, unsigned int flags);

/**
 * ndctl_namespace_inject_error() - inject media errors, notify or not
 * @ndns: a namespace
 * @block: the first 512-byte block
 * @count: how many blocks
 * @notify: have the firmware notify the OS
 *
 * Return: as ndctl_namespace_inject_error2() with NDCTL_NS_INJECT_NOTIFY
 * when @notify.
 * Since: LIBNDCTL_5
 */
int ndctl_namespace_inject_error(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count, bool notify);

/**
 * ndctl_namespace_uninject_error2() - withdraw injected media errors
 * @ndns: a namespace
 * @block: the first 512-byte block
 * @count: how many blocks
 * @flags: NDCTL_NS_INJECT_SATURATE as at the injection
 *
 * One ARS Error Inject Clear DSM per block. The firmware forgets the
 * injection; the kernel's bad-block lists keep the blocks until they are
 * written or cleared (ndctl clear-errors).
 *
 * Return: as ndctl_namespace_inject_error2().
 * Since: LIBNDCTL_5
 */
int ndctl_namespace_uninject_error2(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count, unsigned int flags);

/**
 * ndctl_namespace_uninject_error() - withdraw injected media errors
 * @ndns: a namespace
 * @block: the first 512-byte block
 * @count: how many blocks
 *
 * Return: as ndctl_namespace_uninject_error2() with no flags.
 * Since: LIBNDCTL_5
 */
int ndctl_namespace_uninject_error(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count);

/**
 * ndctl_namespace_injection_status() - read which errors are injected
 * @ndns: a namespace
 *
 * Asks the firmware (ARS Error Inject Status DSM) and keeps the records
 * that start inside the namespace's data as runs of its 512-byte blocks,
 * sorted and merged where they overlap or touch; walk them with
 * ndctl_namespace_bb_foreach(). Each call replaces the previous list.
 *
 * Return: 0; -EOPNOTSUPP when the bus cannot inject or the namespace is
 * a BTT; -EINVAL when the bus reports no ARS output size; -ENOMEM; the
 * ioctl's negative errno.
 * Since: LIBNDCTL_5
 */
int ndctl_namespace_injection_status(struct ndctl_namespace *ndns);

/* A run of injected blocks, owned by its namespace (ndctl_namespace_injection_status). */
struct ndctl_bb;

/**
 * ndctl_namespace_injection_get_first_bb() - the first run of injected blocks
 * @ndns: a namespace after ndctl_namespace_injection_status()
 *
 * Return: the run with the lowest block, NULL when none.
 * Since: LIBNDCTL_5
 */
struct ndctl_bb *ndctl_namespace_injection_get_first_bb(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_injection_get_next_bb() - the next run of injected blocks
 * @ndns: the namespace
 * @bb: a run of its list
 *
 * Return: the run after @bb, NULL after the last.
 * Since: LIBNDCTL_5
 */
struct ndctl_bb *ndctl_namespace_injection_get_next_bb(struct ndctl_namespace *ndns,
		struct ndctl_bb *bb);

/**
 * ndctl_bb_get_block() - where a run of injected blocks starts
 * @bb: a run
 *
 * Return: its first 512-byte block of the namespace; ULLONG_MAX with
 * errno EINVAL for NULL.
 * Since: LIBNDCTL_5
 */
unsigned long long ndctl_bb_get_block(struct ndctl_bb *bb);

/**
 * ndctl_bb_get_count() - how long a run of injected blocks is
 * @bb: a run
 *
 * Return: its number of blocks; ULLONG_MAX with errno EINVAL for NULL.
 * Since: LIBNDCTL_5
 */
unsigned long long ndctl_bb_get_count(struct ndctl_bb *bb);

#define ndctl_namespace_bb_foreach(ndns, bb) \
	for (bb = ndctl_namespace_injection_get_first_bb(ndns); bb; \
	     bb = ndctl_namespace_injection_get_next_bb(ndns, bb))

/**
 * ndctl_namespace_get_sector_size() - a namespace's current logical sector size
 * @ndns: a namespace
 *
 * The "sector_size" attribute lists the sizes offered, the current one
 * bracketed ("[512] 4096").
 *
 * Return: the bracketed size; 0 for a namespace without sector sizes
 * (label-less) or when unreadable; UINT_MAX when none is chosen yet, as
 * upstream.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_num_sector_sizes() - how many logical sector sizes a namespace offers
 * @ndns: a namespace
 *
 * Return: the count of sizes its "sector_size" attribute lists (at most
 * 16), 0 for a namespace without sector sizes (label-less).
 * Since: LIBNDCTL_2
 */
int ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_supported_sector_size() - one of the sector sizes a namespace offers
 * @ndns: a namespace
 * @i: 0 .. ndctl_namespace_get_num_sector_sizes() - 1
 *
 * Return: the size in bytes; 0 when the namespace offers none; UINT_MAX
 * with errno set to EINVAL when @i is out of range, as upstream.
 * Since: LIBNDCTL_2
 */
unsigned int ndctl_namespace_get_supported_sector_size(struct ndctl_namespace *ndns, int i);

/**
 * ndctl_namespace_get_numa_node() - the NUMA node closest to a namespace
 * @ndns: a namespace
 *
 * Return: its "numa_node" attribute, -1 (NUMA_NO_NODE) when absent or
 * unreadable: upstream tells absence (NUMA_NO_ATTR) for regions only.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_target_node() - the NUMA node a namespace's memory would join
 * @ndns: a namespace
 *
 * Return: its "target_node" attribute, -1 when absent or unreadable, as
 * upstream.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_mode() - the mode a namespace is in
 * @ndns: a namespace
 *
 * What the kernel's "mode" attribute says (memory, safe, dax or raw).
 * On an NFIT bus it follows from the claiming pfn, btt or dax device,
 * the kernel's own rule, without reading the attribute.
 *
 * Return: NDCTL_NS_MODE_MEMORY (fsdax), _SAFE (sector), _DAX (devdax)
 * or _RAW; as upstream, -ENXIO converted to the enum (never
 * NDCTL_NS_MODE_UNKNOWN) when the attribute is unreadable or says
 * something else. ndctl_namespace_mode_name() calls that "unknown".
 * Since: LIBNDCTL_1
 */
enum ndctl_namespace_mode ndctl_namespace_get_mode(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_mode_name() - a mode as ndctl names it
 * @mode: a mode
 *
 * Return: "fsdax", "sector", "raw" or "devdax"; "unknown" for any other
 * value, ndctl_namespace_get_mode()'s -ENXIO included (static strings).
 * Since: LIBNDCTL_1
 */
const char *ndctl_namespace_mode_name(enum ndctl_namespace_mode mode);

/**
 * ndctl_namespace_mode_from_name() - the mode a user or the kernel names
 * @name: "fsdax", "devdax", "sector", "raw", or the kernel's and upstream's
 *	older names "memory", "dax", "safe" (NULL is allowed)
 *
 * The inverse of ndctl_namespace_mode_name(), as upstream's commands parse
 * --mode: exact, case-sensitive names. Both come from one table in
 * topology/namespace.c.
 *
 * Return: the mode, or NDCTL_NS_MODE_UNKNOWN for any other name.
 * Since: LIBNDCTL_3
 */
enum ndctl_namespace_mode ndctl_namespace_mode_from_name(const char *name);

/**
 * ndctl_namespace_is_enabled() - whether a namespace device itself is bound
 * @ndns: a namespace
 *
 * As upstream, only the namespace's own driver counts: a namespace claimed
 * by a pfn, dax or btt device is not bound itself (the kernel binds the
 * personality instead), so this says 0 for it, enabled personality or not.
 * ndctl_namespace_is_active() answers whether it is in use either way.
 *
 * Return: 1 when the namespace device has a driver, else 0.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_is_enabled(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_is_active() - whether a namespace is in use, itself or through its personality
 * @ndns: a namespace
 *
 * Upstream's rule: a namespace claimed by a btt, pfn or dax device is
 * active when that device is enabled (bound); an unclaimed one when the
 * namespace itself is (ndctl_namespace_is_enabled()). A namespace claimed
 * by a disabled personality is not active.
 *
 * Return: true when active, else false.
 * Since: LIBNDCTL_4
 */
bool ndctl_namespace_is_active(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_is_configured() - whether a namespace has capacity
 * @ndns: a namespace
 *
 * Return: 1 when its size is not 0; 0 for seeds and deleted namespaces
 * (upstream's int; upstream also says 0 for a pmem namespace under 4 MiB
 * or without a uuid).
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_is_configured(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_pfn() - the pfn device claiming a namespace
 * @ndns: a namespace
 *
 * Return: the pfn device whose "namespace" names it, NULL when none
 * does.
 * Since: LIBNDCTL_1
 */
struct ndctl_pfn *ndctl_namespace_get_pfn(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_dax() - the dax device claiming a namespace
 * @ndns: a namespace
 *
 * Return: the dax device whose "namespace" names it, NULL when none
 * does.
 * Since: LIBNDCTL_1
 */
struct ndctl_dax *ndctl_namespace_get_dax(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_btt() - the btt device claiming a namespace
 * @ndns: a namespace
 *
 * Return: the btt device whose "namespace" names it, NULL when none
 * does.
 * Since: LIBNDCTL_1
 */
struct ndctl_btt *ndctl_namespace_get_btt(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_get_block_device() - a raw namespace's block device
 * @ndns: a namespace
 *
 * Return: the disk name ("pmem0") of a namespace bound raw, ""
 * otherwise (see ndctl_pfn_get_block_device() and
 * ndctl_btt_get_block_device() for theirs); in a per-thread buffer
 * valid until the next call in this thread.
 * Since: LIBNDCTL_1
 */
const char *ndctl_namespace_get_block_device(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_has_uuid() - whether a namespace can carry a uuid
 * @ndns: a namespace
 *
 * Return: true when it has a "uuid" attribute (pmem namespaces, even
 * when empty); false for label-less (io) ones, which have no identity.
 * Since: LIBNDCTL_1
 */
bool ndctl_namespace_has_uuid(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_set_uuid() - give a disabled namespace a uuid
 * @ndns: a namespace
 * @uu: the uuid
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_set_uuid(struct ndctl_namespace *ndns, const uuid_t uu);

/**
 * ndctl_namespace_set_alt_name() - give a disabled namespace a name
 * @ndns: a namespace
 * @name: the name ("" clears it)
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_set_alt_name(struct ndctl_namespace *ndns, const char *name);

/**
 * ndctl_namespace_set_size() - give a disabled namespace its capacity
 * @ndns: a namespace
 * @size: the size in bytes; 0 releases the capacity (the kernel drops
 *	its labels)
 *
 * The kernel allocates the capacity and, in a labeled region, writes
 * the labels.
 *
 * Return: 0, or the sysfs write's negative errno (logged): the kernel
 * refuses sizes that are not aligned or do not fit.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_set_size(struct ndctl_namespace *ndns, unsigned long long size);

/**
 * ndctl_namespace_set_sector_size() - choose a disabled namespace's logical sector size
 * @ndns: a namespace
 * @sz: one of the sizes ndctl_namespace_get_supported_sector_size()
 *	gives
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_set_sector_size(struct ndctl_namespace *ndns, unsigned int sz);

/**
 * ndctl_namespace_set_holder_class() - record which personality a namespace is for
 * @ndns: a namespace
 * @cls: "pfn", "dax", "btt" or "" to clear it
 *
 * Return: 0, or the sysfs write's negative errno (logged); label-less
 * namespaces have no such attribute.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_set_holder_class(struct ndctl_namespace *ndns, const char *cls);

/**
 * ndctl_namespace_enable() - bind a namespace
 * @ndns: a namespace
 *
 * As upstream: the namespace itself is offered to the drivers. An info
 * block on its media makes the kernel create that personality, claim
 * the namespace and bind it.
 *
 * Return: as upstream, 0 when the namespace itself is bound (raw), 1
 * when it is enabled through its personality (pfn, dax or btt device)
 * instead, either also when it was enabled already; -ENXIO at once
 * when the kernel refuses: an idle namespace (size 0), one claimed by
 * a personality that is not enabled (logged); another negative errno
 * of the bind. Test for failure with < 0.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_enable(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_disable_safe() - unbind a namespace that nothing uses
 * @ndns: a namespace
 *
 * Refuses while its block device is mounted or held open exclusively,
 * or its dax device is onlined as system RAM. Then, as upstream's
 * ndctl_namespace_disable_invalidate(): the personality is unbound and
 * releases its claim, and the namespace is unbound, raw again with its
 * size. The info block stays on the media, so ndctl_namespace_enable()
 * brings the personality back.
 *
 * Return: 0, also when nothing was bound; -EBUSY for a namespace in use
 * (logged, naming the culprit); the unbind's negative errno.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_clear_info_block() - zero the head of a disabled namespace
 * @ndns: a namespace
 *
 * So that the kernel does not find an old personality again: the
 * namespace is bound raw, its first 8 KiB (where pfn, dax and btt info
 * blocks live) are zeroed unless they are zero already, and it is
 * unbound again.
 *
 * Return: 0, also for a namespace the kernel will not bind raw (left as
 * it is, logged, as upstream leaves it); the read or write's negative
 * errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_clear_info_block(struct ndctl_namespace *ndns);

/**
 * ndctl_namespace_read_head() - read the first bytes of a disabled namespace
 * @ndns: a namespace
 * @buf: where the bytes go
 * @len: how many, from offset 0
 *
 * The namespace is bound raw for the read; a personality claiming it is
 * detached for that time, then claims it again, still disabled.
 *
 * Return: 0; -EBUSY when it is enabled; -ENXIO when it is idle (size 0)
 * or the kernel will not bind it raw; an I/O error. Logged.
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_read_head(struct ndctl_namespace *ndns, void *buf, size_t len);

/**
 * ndctl_namespace_write_head() - write the first bytes of a disabled namespace
 * @ndns: a namespace
 * @buf: the bytes
 * @len: how many, from offset 0
 *
 * The personality claiming it is detached first, the namespace bound
 * raw for the write, and left disabled, so that the next enable probes
 * the new block (as upstream's write-infoblock). The kernel may delete
 * the detached personality: call ndctl_invalidate() when done.
 *
 * Return: 0; -EBUSY when it is enabled; -ENXIO when it is idle (size 0)
 * or cannot be bound raw; an I/O error. Logged.
 * Since: LIBNDCTL_2
 */
int ndctl_namespace_write_head(struct ndctl_namespace *ndns, const void *buf, size_t len);

/**
 * ndctl_namespace_delete() - release a namespace's capacity
 * @ndns: a namespace
 *
 * Disables it safely (ndctl_namespace_disable_safe(): the personality
 * goes), clears its info block unless the kernel had bound it raw
 * itself (having found none), then clears its holder class, sets its
 * size to 0 (the kernel drops its labels) and clears its name.
 *
 * Return: 0; a refusal of ndctl_namespace_disable_safe(); the negative
 * errno of clearing the info block or of the size write (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_namespace_delete(struct ndctl_namespace *ndns);

/*
 * pfn devices (the fsdax personality).
 */

/**
 * ndctl_pfn_get_first() - a region's first pfn device
 * @region: a region
 *
 * Return: the first pfn device (seeds included), NULL when the region
 * has none.
 * Since: LIBNDCTL_1
 */
struct ndctl_pfn *ndctl_pfn_get_first(struct ndctl_region *region);

/**
 * ndctl_pfn_get_next() - the next pfn device of its region
 * @pfn: a pfn device
 *
 * Return: the next pfn device, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_pfn *ndctl_pfn_get_next(struct ndctl_pfn *pfn);

#define ndctl_pfn_foreach(region, pfn) \
	for (pfn = ndctl_pfn_get_first(region); pfn; pfn = ndctl_pfn_get_next(pfn))

/**
 * ndctl_pfn_get_resource() - the physical start of an fsdax namespace's data
 * @pfn: a pfn device
 *
 * Read at each call.
 *
 * Return: the "resource" attribute (after the info block and page map),
 * ULLONG_MAX while unknown (disabled, or unreadable: root-only).
 * Since: LIBNDCTL_2
 */
unsigned long long ndctl_pfn_get_resource(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_devname() - a pfn device's name
 * @pfn: a pfn device
 *
 * Return: "pfnR.N", owned by the device.
 * Since: LIBNDCTL_1
 */
const char *ndctl_pfn_get_devname(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_ctx() - the context a pfn device belongs to
 * @pfn: a pfn device
 *
 * Return: its context.
 * Since: LIBNDCTL_2
 */
struct ndctl_ctx *ndctl_pfn_get_ctx(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_region() - the region of a pfn device
 * @pfn: a pfn device
 *
 * Return: its region.
 * Since: LIBNDCTL_2
 */
struct ndctl_region *ndctl_pfn_get_region(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_bus() - the bus of a pfn device
 * @pfn: a pfn device
 *
 * Return: its region's bus.
 * Since: LIBNDCTL_2
 */
struct ndctl_bus *ndctl_pfn_get_bus(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_namespace() - the namespace a pfn device claims
 * @pfn: a pfn device
 *
 * Return: the namespace its "namespace" attribute names, NULL when it
 * claims none (a seed).
 * Since: LIBNDCTL_1
 */
struct ndctl_namespace *ndctl_pfn_get_namespace(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_uuid() - a pfn device's uuid
 * @pfn: a pfn device
 * @uu: filled in with the uuid, or cleared (all zero) when it has none
 *
 * Since: LIBNDCTL_1
 */
void ndctl_pfn_get_uuid(struct ndctl_pfn *pfn, uuid_t uu);

/**
 * ndctl_pfn_get_align() - a pfn device's mapping alignment
 * @pfn: a pfn device
 *
 * Return: its "align" attribute in bytes, 0 when unreadable.
 * Since: LIBNDCTL_1
 */
unsigned long ndctl_pfn_get_align(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_size() - the usable size of an fsdax namespace
 * @pfn: a pfn device
 *
 * Return: the pfn device's "size" attribute in bytes (the data after
 * the info block and page map); ULLONG_MAX while disabled (the kernel
 * has no size to tell then) or unreadable, as upstream's.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_pfn_get_size(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_location() - where a pfn device keeps its page map
 * @pfn: a pfn device
 *
 * Return: NDCTL_PFN_LOC_RAM ("ram") or NDCTL_PFN_LOC_PMEM ("pmem"),
 * NDCTL_PFN_LOC_NONE for anything else (a seed).
 * Since: LIBNDCTL_1
 */
enum ndctl_pfn_loc ndctl_pfn_get_location(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_is_enabled() - whether a pfn device is bound to its driver
 * @pfn: a pfn device
 *
 * Return: 1 when bound, else 0 (upstream's int).
 * Since: LIBNDCTL_1
 */
int ndctl_pfn_is_enabled(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_block_device() - an fsdax namespace's block device
 * @pfn: a pfn device
 *
 * Return: the disk name ("pmem0") of an enabled pfn device, ""
 * otherwise; in a per-thread buffer valid until the next call in this
 * thread.
 * Since: LIBNDCTL_1
 */
const char *ndctl_pfn_get_block_device(struct ndctl_pfn *pfn);

/**
 * ndctl_pfn_get_supported_alignments() - the alignments a pfn device offers
 * @pfn: a pfn device
 * @buf: the caller's buffer of 1024 bytes
 *
 * Return: @buf, holding the "supported_alignments" attribute as sysfs
 * shows it ("4096 2097152 1073741824"), "" when unreadable.
 * Since: LIBNDCTL_1
 */
const char *ndctl_pfn_get_supported_alignments(struct ndctl_pfn *pfn, char *buf);

/**
 * ndctl_pfn_set_uuid() - give a pfn device a uuid
 * @pfn: a pfn device
 * @uu: the uuid
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_pfn_set_uuid(struct ndctl_pfn *pfn, const uuid_t uu);

/**
 * ndctl_pfn_set_location() - choose where a pfn device keeps its page map
 * @pfn: a pfn device
 * @loc: NDCTL_PFN_LOC_RAM, NDCTL_PFN_LOC_PMEM, or NDCTL_PFN_LOC_NONE
 *	(writes "none": no mode yet)
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_pfn_set_location(struct ndctl_pfn *pfn, enum ndctl_pfn_loc loc);

/**
 * ndctl_pfn_set_align() - choose a pfn device's mapping alignment
 * @pfn: a pfn device
 * @align: one of the supported alignments, in bytes
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_pfn_set_align(struct ndctl_pfn *pfn, unsigned long align);

/**
 * ndctl_pfn_set_namespace() - make a pfn device claim a namespace
 * @pfn: a pfn device
 * @ndns: a disabled namespace, or NULL to release the claim
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_pfn_set_namespace(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns);

/**
 * ndctl_pfn_enable() - bind a configured pfn device
 * @pfn: a pfn device
 *
 * The kernel writes the info block (or finds it) and creates the block
 * device.
 *
 * Return: 0, also when already bound; -ENXIO when no driver took it;
 * another negative errno of the bind (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_pfn_enable(struct ndctl_pfn *pfn);

/*
 * dax devices (the devdax personality).
 */

/**
 * ndctl_dax_get_first() - a region's first dax device
 * @region: a region
 *
 * Return: the first dax device (seeds included), NULL when the region
 * has none.
 * Since: LIBNDCTL_1
 */
struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *region);

/**
 * ndctl_dax_get_next() - the next dax device of its region
 * @dax: a dax device
 *
 * Return: the next dax device, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *dax);

#define ndctl_dax_foreach(region, dax) \
	for (dax = ndctl_dax_get_first(region); dax; dax = ndctl_dax_get_next(dax))

/**
 * ndctl_dax_get_resource() - the physical start of a devdax namespace's data
 * @dax: a dax device
 *
 * Read at each call.
 *
 * Return: the "resource" attribute (after the info block and page map),
 * ULLONG_MAX while unknown (disabled, or unreadable: root-only).
 * Since: LIBNDCTL_2
 */
unsigned long long ndctl_dax_get_resource(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_daxctl_region() - libdaxctl's region for a dax device
 * @dax: a dax device
 *
 * Walk its daxctl devices with daxctl_dev_foreach(). Owned by the
 * context's libdaxctl context (ndctl_get_daxctl_ctx()).
 *
 * Return: the region, NULL while the device is disabled (no dax region
 * yet) or when the libdaxctl context cannot be made.
 * Since: LIBNDCTL_2
 */
struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_devname() - a dax device's name
 * @dax: a dax device
 *
 * Return: "daxR.N", owned by the device.
 * Since: LIBNDCTL_1
 */
const char *ndctl_dax_get_devname(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_ctx() - the context a dax device belongs to
 * @dax: a dax device
 *
 * Return: its context.
 * Since: LIBNDCTL_2
 */
struct ndctl_ctx *ndctl_dax_get_ctx(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_region() - the region of a dax device
 * @dax: a dax device
 *
 * Return: its region.
 * Since: LIBNDCTL_2
 */
struct ndctl_region *ndctl_dax_get_region(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_bus() - the bus of a dax device
 * @dax: a dax device
 *
 * Return: its region's bus.
 * Since: LIBNDCTL_2
 */
struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_namespace() - the namespace a dax device claims
 * @dax: a dax device
 *
 * Return: the namespace its "namespace" attribute names, NULL when it
 * claims none (a seed).
 * Since: LIBNDCTL_1
 */
struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_uuid() - a dax device's uuid
 * @dax: a dax device
 * @uu: filled in with the uuid, or cleared (all zero) when it has none
 *
 * Since: LIBNDCTL_1
 */
void ndctl_dax_get_uuid(struct ndctl_dax *dax, uuid_t uu);

/**
 * ndctl_dax_get_align() - a dax device's mapping alignment
 * @dax: a dax device
 *
 * Return: its "align" attribute in bytes, 0 when unreadable.
 * Since: LIBNDCTL_1
 */
unsigned long ndctl_dax_get_align(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_size() - the usable size of a devdax namespace
 * @dax: a dax device
 *
 * Return: the dax device's "size" attribute in bytes; ULLONG_MAX while
 * disabled or unreadable, as upstream's.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_dax_get_size(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_location() - where a dax device keeps its page map
 * @dax: a dax device
 *
 * Return: NDCTL_PFN_LOC_RAM or NDCTL_PFN_LOC_PMEM, NDCTL_PFN_LOC_NONE
 * for anything else (a seed).
 * Since: LIBNDCTL_1
 */
enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *dax);

/**
 * ndctl_dax_is_enabled() - whether a dax device is bound to its driver
 * @dax: a dax device
 *
 * Return: 1 when bound, else 0 (upstream's int).
 * Since: LIBNDCTL_1
 */
int ndctl_dax_is_enabled(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_chardev() - a devdax namespace's character device
 * @dax: a dax device
 *
 * Return: its name ("dax0.1"), "" while disabled; in a per-thread
 * buffer valid until the next call in this thread.
 * Since: LIBNDCTL_1
 */
const char *ndctl_dax_get_chardev(struct ndctl_dax *dax);

/**
 * ndctl_dax_is_system_ram() - whether a devdax namespace's memory is onlined as system RAM
 * @dax: a dax device
 *
 * The dax region and its devices are libdaxctl's
 * (ndctl_dax_get_daxctl_region()).
 *
 * Return: true when its character device is bound to kmem; false when
 * bound to device_dax, disabled, or unreadable.
 * Since: LIBNDCTL_1
 */
bool ndctl_dax_is_system_ram(struct ndctl_dax *dax);

/**
 * ndctl_dax_get_supported_alignments() - the alignments a dax device offers
 * @dax: a dax device
 * @buf: the caller's buffer of 1024 bytes
 *
 * Return: @buf, holding the "supported_alignments" attribute as sysfs
 * shows it, "" when unreadable.
 * Since: LIBNDCTL_1
 */
const char *ndctl_dax_get_supported_alignments(struct ndctl_dax *dax, char *buf);

/**
 * ndctl_dax_set_uuid() - give a dax device a uuid
 * @dax: a dax device
 * @uu: the uuid
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_dax_set_uuid(struct ndctl_dax *dax, const uuid_t uu);

/**
 * ndctl_dax_set_location() - choose where a dax device keeps its page map
 * @dax: a dax device
 * @loc: NDCTL_PFN_LOC_RAM, NDCTL_PFN_LOC_PMEM, or NDCTL_PFN_LOC_NONE
 *	(writes "none")
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_dax_set_location(struct ndctl_dax *dax, enum ndctl_pfn_loc loc);

/**
 * ndctl_dax_set_align() - choose a dax device's mapping alignment
 * @dax: a dax device
 * @align: one of the supported alignments, in bytes
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_dax_set_align(struct ndctl_dax *dax, unsigned long align);

/**
 * ndctl_dax_set_namespace() - make a dax device claim a namespace
 * @dax: a dax device
 * @ndns: a disabled namespace, or NULL to release the claim
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_dax_set_namespace(struct ndctl_dax *dax, struct ndctl_namespace *ndns);

/**
 * ndctl_dax_enable() - bind a configured dax device
 * @dax: a dax device
 *
 * The kernel writes the info block (or finds it) and creates the dax
 * region and its character device.
 *
 * Return: 0, also when already bound; -ENXIO when no driver took it;
 * another negative errno of the bind (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_dax_enable(struct ndctl_dax *dax);

/*
 * btt devices (the sector personality).
 */

/**
 * ndctl_btt_get_first() - a region's first btt device
 * @region: a region
 *
 * Return: the first btt device (seeds included), NULL when the region
 * has none.
 * Since: LIBNDCTL_1
 */
struct ndctl_btt *ndctl_btt_get_first(struct ndctl_region *region);

/**
 * ndctl_btt_get_next() - the next btt device of its region
 * @btt: a btt device
 *
 * Return: the next btt device, NULL after the last.
 * Since: LIBNDCTL_1
 */
struct ndctl_btt *ndctl_btt_get_next(struct ndctl_btt *btt);

#define ndctl_btt_foreach(region, btt) \
	for (btt = ndctl_btt_get_first(region); btt; btt = ndctl_btt_get_next(btt))

/**
 * ndctl_btt_get_devname() - a btt device's name
 * @btt: a btt device
 *
 * Return: "bttR.N", owned by the device.
 * Since: LIBNDCTL_1
 */
const char *ndctl_btt_get_devname(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_ctx() - the context a btt device belongs to
 * @btt: a btt device
 *
 * Return: its context.
 * Since: LIBNDCTL_2
 */
struct ndctl_ctx *ndctl_btt_get_ctx(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_region() - the region of a btt device
 * @btt: a btt device
 *
 * Return: its region.
 * Since: LIBNDCTL_2
 */
struct ndctl_region *ndctl_btt_get_region(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_bus() - the bus of a btt device
 * @btt: a btt device
 *
 * Return: its region's bus.
 * Since: LIBNDCTL_2
 */
struct ndctl_bus *ndctl_btt_get_bus(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_namespace() - the namespace a btt device claims
 * @btt: a btt device
 *
 * Return: the namespace its "namespace" attribute names, NULL when it
 * claims none (a seed).
 * Since: LIBNDCTL_1
 */
struct ndctl_namespace *ndctl_btt_get_namespace(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_uuid() - a btt device's uuid
 * @btt: a btt device
 * @uu: filled in with the uuid, or cleared (all zero) when it has none
 *
 * Since: LIBNDCTL_1
 */
void ndctl_btt_get_uuid(struct ndctl_btt *btt, uuid_t uu);

/**
 * ndctl_btt_get_sector_size() - a btt device's sector size
 * @btt: a btt device
 *
 * Return: the bracketed entry of its "sector_size" attribute ("512 520
 * [4096] ..."), the first entry when none is bracketed, 0 when
 * unreadable.
 * Since: LIBNDCTL_1
 */
unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_size() - the usable size of a sector namespace
 * @btt: a btt device
 *
 * Return: the btt device's "size" attribute in bytes; ULLONG_MAX while
 * disabled or unreadable, as upstream's.
 * Since: LIBNDCTL_1
 */
unsigned long long ndctl_btt_get_size(struct ndctl_btt *btt);

/**
 * ndctl_btt_is_enabled() - whether a btt device is bound to its driver
 * @btt: a btt device
 *
 * Return: 1 when bound, else 0 (upstream's int).
 * Since: LIBNDCTL_1
 */
int ndctl_btt_is_enabled(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_block_device() - a sector namespace's block device
 * @btt: a btt device
 *
 * Return: the disk name ("pmem0s") of an enabled btt device, ""
 * otherwise; in a per-thread buffer valid until the next call in this
 * thread.
 * Since: LIBNDCTL_1
 */
const char *ndctl_btt_get_block_device(struct ndctl_btt *btt);

/**
 * ndctl_btt_get_supported_sector_sizes() - the sector sizes a btt device offers
 * @btt: a btt device
 * @buf: the caller's buffer of 1024 bytes
 *
 * Return: @buf, holding the "sector_size" attribute as is ("512 520
 * [4096] ..."), "" when unreadable.
 * Since: LIBNDCTL_1
 */
const char *ndctl_btt_get_supported_sector_sizes(struct ndctl_btt *btt, char *buf);

/**
 * ndctl_btt_set_uuid() - give a btt device a uuid
 * @btt: a btt device
 * @uu: the uuid
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_btt_set_uuid(struct ndctl_btt *btt, const uuid_t uu);

/**
 * ndctl_btt_set_sector_size() - choose a btt device's sector size
 * @btt: a btt device
 * @sector_size: one of the sizes it offers, in bytes
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_btt_set_sector_size(struct ndctl_btt *btt, unsigned int sector_size);

/**
 * ndctl_btt_set_namespace() - make a btt device claim a namespace
 * @btt: a btt device
 * @ndns: a disabled namespace, or NULL to release the claim
 *
 * Return: 0, or the sysfs write's negative errno (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_btt_set_namespace(struct ndctl_btt *btt, struct ndctl_namespace *ndns);

/**
 * ndctl_btt_enable() - bind a configured btt device
 * @btt: a btt device
 *
 * The kernel lays out the BTT (or finds it) and creates the block
 * device.
 *
 * Return: 0, also when already bound; -ENXIO when no driver took it;
 * another negative errno of the bind (logged).
 * Since: LIBNDCTL_1
 */
int ndctl_btt_enable(struct ndctl_btt *btt);

/* JSON renderings of the objects above (topology/json.c). */

/* What the *_to_json() functions add beyond each object's own keys. */
enum ndctl_json_flags {
	NDCTL_JSON_HUMAN = 1 << 0,	/* sizes as "X.XX GiB (Y GB)", ids as "0x..." (-u) */
	NDCTL_JSON_VERBOSE = 1 << 1,	/* numa and target nodes, a namespace's raw_uuid (-v) */
	NDCTL_JSON_MAPPINGS = 1 << 2,	/* a region's DIMM mappings (list -D) */
	NDCTL_JSON_CAPABILITIES = 1 << 3,	/* a region's modes and their sizes (-C) */
	NDCTL_JSON_DAX = 1 << 4,	/* a devdax namespace's dax region and devices (-X) */
	NDCTL_JSON_HEALTH = 1 << 5,	/* a DIMM's "health" from its SMART DSMs (-H) */
	NDCTL_JSON_FIRMWARE = 1 << 6,	/* DIMM firmware versions, bus activation (-F) */
	NDCTL_JSON_MEDIA_ERRORS = 1 << 7,	/* regions' and namespaces' "badblocks" (-M) */
};
struct json_object;

/**
 * ndctl_bus_to_json() - a bus as upstream's `ndctl list -B` prints it
 * @bus: a bus
 * @flags: enum ndctl_json_flags: NDCTL_JSON_FIRMWARE
 *
 * Keys: provider, dev, scrub_state (buses with address range scrub), and
 * with NDCTL_JSON_FIRMWARE on such a bus, when one of its DIMMs can take a
 * firmware update, "firmware" (activate_method, activate_state). The command
 * adds the bus's dimms, regions and namespaces arrays itself.
 *
 * Return: a new json-c object; release it with json_object_put().
 * Since: LIBNDCTL_3
 */
struct json_object *ndctl_bus_to_json(struct ndctl_bus *bus, unsigned flags);

/**
 * ndctl_dimm_to_json() - a DIMM as upstream's `ndctl list -D` prints it
 * @dimm: a DIMM
 * @flags: enum ndctl_json_flags: NDCTL_JSON_HUMAN, NDCTL_JSON_FIRMWARE,
 * NDCTL_JSON_HEALTH
 *
 * Keys, in upstream's order: dev, id (when the DIMM has one), handle,
 * phys_id, state ("disabled", only when it is), the NFIT flag_* keys,
 * security, then "firmware" (NDCTL_JSON_FIRMWARE) and "health"
 * (NDCTL_JSON_HEALTH), each only for a DIMM with the Intel-family DSMs
 * that answer them (nfit_test, real NVDIMMs; not QEMU's vNVDIMMs).
 *
 * Return: a new json-c object; release it with json_object_put().
 * Since: LIBNDCTL_3
 */
struct json_object *ndctl_dimm_to_json(struct ndctl_dimm *dimm, unsigned flags);

/**
 * ndctl_mapping_to_json() - one DIMM's extent of a region, as an entry of
 * upstream's "mappings" array
 * @mapping: a mapping of a region
 * @flags: enum ndctl_json_flags: NDCTL_JSON_HUMAN
 *
 * Keys: dimm ("unknown" when the DIMM is not found), offset, length,
 * position (when the kernel gives one).
 *
 * Return: a new json-c object; release it with json_object_put().
 * Since: LIBNDCTL_3
 */
struct json_object *ndctl_mapping_to_json(struct ndctl_mapping *mapping, unsigned flags);

/**
 * ndctl_region_to_json() - a region as upstream's `ndctl list -R` prints it
 * @region: a region
 * @flags: enum ndctl_json_flags: HUMAN, VERBOSE (numa_node, target_node),
 *	MAPPINGS (a "mappings" array), CAPABILITIES (a "capabilities" array,
 *	one entry per seed the region has)
 *
 * Keys, in upstream's order: dev, size, align, available_size,
 * max_available_extent, type, the nodes, iset_id (when not 0), mappings,
 * capabilities, state ("disabled", only when it is), persistence_domain.
 * A zero size prints as a number even with HUMAN, as upstream's. The
 * command adds the "namespaces" array itself.
 *
 * Return: a new json-c object; release it with json_object_put().
 * Since: LIBNDCTL_3
 */
struct json_object *ndctl_region_to_json(struct ndctl_region *region, unsigned flags);

/**
 * ndctl_namespace_to_json() - a namespace as upstream's `ndctl list -N`
 * (and create-namespace) prints it
 * @ndns: a namespace
 * @flags: enum ndctl_json_flags: HUMAN, VERBOSE (raw_uuid under a
 *	personality, numa_node, target_node), DAX (an enabled devdax namespace
 *	nests its "daxregion", read through ndctl_get_daxctl_ctx(), in place of
 *	"chardev")
 *
 * Size, uuid, sector size, align and block device are the personality's
 * (pfn, dax or btt) when the namespace has one, as upstream's.
 *
 * Return: a new json-c object; release it with json_object_put().
 * Since: LIBNDCTL_3
 */
struct json_object *ndctl_namespace_to_json(struct ndctl_namespace *ndns, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
