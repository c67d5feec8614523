// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream v81's prototypes (ndctl/libndctl.h, daxctl/libdaxctl.h) of every
 * function both libraries export, declared again after ndkit's headers: C
 * refuses a redeclaration whose return or parameter types differ
 * ("conflicting types"), so a prototype that drifts from upstream's fails
 * this file's build. Running it only says so.
 *
 * Left out, ndkit's differing on purpose or still to settle:
 * - ndctl_{namespace,btt,pfn,dax}_set_uuid() take const uuid_t where
 *   upstream's take uuid_t: the same ABI, and upstream's callers compile.
 * - daxctl_unref() returns the context (NULL once freed) where upstream's
 *   returns nothing: upstream's callers ignore it, and programs built on
 *   ndkit's LIBDAXCTL_1 may use it.
 * - ndctl_dimm_read_labels() and ndctl_dimm_init_labels() are ndkit's own
 *   functions under upstream's names: upstream's are
 *   struct ndctl_cmd *ndctl_dimm_read_labels(struct ndctl_dimm *) and
 *   int ndctl_dimm_init_labels(struct ndctl_dimm *, enum ndctl_namespace_version).
 */
#include <stdbool.h>
#include <stdio.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wredundant-decls"
#endif

/* libndctl */
int ndctl_btt_enable(struct ndctl_btt *);
int ndctl_bus_get_scrub_state(struct ndctl_bus *);
unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *);
int ndctl_dimm_failed_save(struct ndctl_dimm *);
int ndctl_dimm_failed_arm(struct ndctl_dimm *);
int ndctl_dimm_failed_restore(struct ndctl_dimm *);
int ndctl_dimm_failed_flush(struct ndctl_dimm *);
int ndctl_dimm_failed_map(struct ndctl_dimm *);
int ndctl_dimm_smart_pending(struct ndctl_dimm *);
int ndctl_dimm_has_errors(struct ndctl_dimm *);
int ndctl_dimm_has_notifications(struct ndctl_dimm *);
enum ndctl_security_state ndctl_dimm_get_security(struct ndctl_dimm *);
bool ndctl_dimm_security_is_frozen(struct ndctl_dimm *);
const char *ndctl_btt_get_block_device(struct ndctl_btt *);
struct ndctl_bus *ndctl_btt_get_bus(struct ndctl_btt *);
struct ndctl_ctx *ndctl_btt_get_ctx(struct ndctl_btt *);
const char *ndctl_btt_get_devname(struct ndctl_btt *);
struct ndctl_btt *ndctl_btt_get_first(struct ndctl_region *);
struct ndctl_namespace *ndctl_btt_get_namespace(struct ndctl_btt *);
struct ndctl_btt *ndctl_btt_get_next(struct ndctl_btt *);
struct ndctl_region *ndctl_btt_get_region(struct ndctl_btt *);
unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *);
unsigned long long ndctl_btt_get_size(struct ndctl_btt *);
void ndctl_btt_get_uuid(struct ndctl_btt *, uuid_t);
int ndctl_btt_is_enabled(struct ndctl_btt *);
int ndctl_btt_set_namespace(struct ndctl_btt *, struct ndctl_namespace *);
int ndctl_btt_set_sector_size(struct ndctl_btt *, unsigned int);
struct ndctl_cmd *ndctl_bus_cmd_new_ars_cap(struct ndctl_bus *, unsigned long long, unsigned long long);
struct ndctl_cmd *ndctl_bus_cmd_new_clear_error(unsigned long long, unsigned long long, struct ndctl_cmd *);
struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *, const char *);
struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *);
const char *ndctl_bus_get_devname(struct ndctl_bus *);
struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *);
unsigned int ndctl_bus_get_id(struct ndctl_bus *);
struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *);
const char *ndctl_bus_get_provider(struct ndctl_bus *);
int ndctl_bus_is_cmd_supported(struct ndctl_bus *, int);
int ndctl_cmd_ars_cap_get_range(struct ndctl_cmd *, struct ndctl_range *);
unsigned long long ndctl_cmd_clear_error_get_cleared(struct ndctl_cmd *);
void ndctl_cmd_ref(struct ndctl_cmd *);
int ndctl_cmd_submit(struct ndctl_cmd *);
void ndctl_cmd_unref(struct ndctl_cmd *);
int ndctl_dax_enable(struct ndctl_dax *);
unsigned long ndctl_dax_get_align(struct ndctl_dax *);
struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *);
struct ndctl_ctx *ndctl_dax_get_ctx(struct ndctl_dax *);
struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *);
const char *ndctl_dax_get_devname(struct ndctl_dax *);
struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *);
enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *);
struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *);
struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *);
struct ndctl_region *ndctl_dax_get_region(struct ndctl_dax *);
unsigned long long ndctl_dax_get_resource(struct ndctl_dax *);
unsigned long long ndctl_dax_get_size(struct ndctl_dax *);
void ndctl_dax_get_uuid(struct ndctl_dax *, uuid_t);
int ndctl_dax_is_enabled(struct ndctl_dax *);
int ndctl_dax_set_align(struct ndctl_dax *, unsigned long);
int ndctl_dax_set_location(struct ndctl_dax *, enum ndctl_pfn_loc);
int ndctl_dax_set_namespace(struct ndctl_dax *, struct ndctl_namespace *);
int ndctl_dimm_disable(struct ndctl_dimm *);
int ndctl_dimm_enable(struct ndctl_dimm *);
struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *);
struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *);
const char *ndctl_dimm_get_devname(struct ndctl_dimm *);
long long ndctl_dimm_get_dirty_shutdown(struct ndctl_dimm *);
struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *);
unsigned int ndctl_dimm_get_handle(struct ndctl_dimm *);
unsigned int ndctl_dimm_get_id(struct ndctl_dimm *);
struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *);
unsigned short ndctl_dimm_get_phys_id(struct ndctl_dimm *);
const char *ndctl_dimm_get_unique_id(struct ndctl_dimm *);
int ndctl_dimm_is_active(struct ndctl_dimm *);
int ndctl_dimm_is_enabled(struct ndctl_dimm *);
struct daxctl_ctx *ndctl_get_daxctl_ctx(struct ndctl_ctx *);
int ndctl_get_log_priority(struct ndctl_ctx *);
void *ndctl_get_userdata(struct ndctl_ctx *);
unsigned long long ndctl_interleave_set_get_cookie(struct ndctl_interleave_set *);
struct ndctl_interleave_set *ndctl_interleave_set_get_first(struct ndctl_bus *);
struct ndctl_dimm *ndctl_interleave_set_get_first_dimm(struct ndctl_interleave_set *);
struct ndctl_interleave_set *ndctl_interleave_set_get_next(struct ndctl_interleave_set *);
struct ndctl_dimm *ndctl_interleave_set_get_next_dimm(struct ndctl_interleave_set *, struct ndctl_dimm *);
struct ndctl_region *ndctl_interleave_set_get_region(struct ndctl_interleave_set *);
int ndctl_interleave_set_is_active(struct ndctl_interleave_set *);
void ndctl_invalidate(struct ndctl_ctx *);
struct ndctl_dimm *ndctl_mapping_get_dimm(struct ndctl_mapping *);
struct ndctl_mapping *ndctl_mapping_get_first(struct ndctl_region *);
unsigned long long ndctl_mapping_get_length(struct ndctl_mapping *);
struct ndctl_mapping *ndctl_mapping_get_next(struct ndctl_mapping *);
unsigned long long ndctl_mapping_get_offset(struct ndctl_mapping *);
int ndctl_mapping_get_position(struct ndctl_mapping *);
struct ndctl_region *ndctl_mapping_get_region(struct ndctl_mapping *);
int ndctl_namespace_delete(struct ndctl_namespace *);
int ndctl_namespace_disable_safe(struct ndctl_namespace *);
int ndctl_namespace_enable(struct ndctl_namespace *);
const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *);
const char *ndctl_namespace_get_block_device(struct ndctl_namespace *);
struct ndctl_btt *ndctl_namespace_get_btt(struct ndctl_namespace *);
struct ndctl_bus *ndctl_namespace_get_bus(struct ndctl_namespace *);
struct ndctl_ctx *ndctl_namespace_get_ctx(struct ndctl_namespace *);
struct ndctl_dax *ndctl_namespace_get_dax(struct ndctl_namespace *);
const char *ndctl_namespace_get_devname(struct ndctl_namespace *);
struct ndctl_namespace *ndctl_namespace_get_first(struct ndctl_region *);
struct badblock *ndctl_namespace_get_first_badblock(struct ndctl_namespace *);
unsigned int ndctl_namespace_get_id(struct ndctl_namespace *);
enum ndctl_namespace_mode ndctl_namespace_get_mode(struct ndctl_namespace *);
struct ndctl_namespace *ndctl_namespace_get_next(struct ndctl_namespace *);
struct badblock *ndctl_namespace_get_next_badblock(struct ndctl_namespace *);
int ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *);
int ndctl_namespace_get_numa_node(struct ndctl_namespace *);
struct ndctl_pfn *ndctl_namespace_get_pfn(struct ndctl_namespace *);
struct ndctl_region *ndctl_namespace_get_region(struct ndctl_namespace *);
unsigned long long ndctl_namespace_get_resource(struct ndctl_namespace *);
unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *);
unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *);
unsigned int ndctl_namespace_get_supported_sector_size(struct ndctl_namespace *, int);
int ndctl_namespace_get_target_node(struct ndctl_namespace *);
void ndctl_namespace_get_uuid(struct ndctl_namespace *, uuid_t);
bool ndctl_namespace_is_active(struct ndctl_namespace *);
int ndctl_namespace_is_configured(struct ndctl_namespace *);
int ndctl_namespace_is_enabled(struct ndctl_namespace *);
int ndctl_namespace_set_alt_name(struct ndctl_namespace *, const char *);
int ndctl_namespace_set_sector_size(struct ndctl_namespace *, unsigned int);
int ndctl_namespace_set_size(struct ndctl_namespace *, unsigned long long);
int ndctl_new(struct ndctl_ctx **);
int ndctl_pfn_enable(struct ndctl_pfn *);
unsigned long ndctl_pfn_get_align(struct ndctl_pfn *);
const char *ndctl_pfn_get_block_device(struct ndctl_pfn *);
struct ndctl_bus *ndctl_pfn_get_bus(struct ndctl_pfn *);
struct ndctl_ctx *ndctl_pfn_get_ctx(struct ndctl_pfn *);
const char *ndctl_pfn_get_devname(struct ndctl_pfn *);
struct ndctl_pfn *ndctl_pfn_get_first(struct ndctl_region *);
enum ndctl_pfn_loc ndctl_pfn_get_location(struct ndctl_pfn *);
struct ndctl_namespace *ndctl_pfn_get_namespace(struct ndctl_pfn *);
struct ndctl_pfn *ndctl_pfn_get_next(struct ndctl_pfn *);
struct ndctl_region *ndctl_pfn_get_region(struct ndctl_pfn *);
unsigned long long ndctl_pfn_get_resource(struct ndctl_pfn *);
unsigned long long ndctl_pfn_get_size(struct ndctl_pfn *);
void ndctl_pfn_get_uuid(struct ndctl_pfn *, uuid_t);
int ndctl_pfn_is_enabled(struct ndctl_pfn *);
int ndctl_pfn_set_align(struct ndctl_pfn *, unsigned long);
int ndctl_pfn_set_location(struct ndctl_pfn *, enum ndctl_pfn_loc);
int ndctl_pfn_set_namespace(struct ndctl_pfn *, struct ndctl_namespace *);
struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *);
int ndctl_region_enable(struct ndctl_region *);
unsigned long ndctl_region_get_align(struct ndctl_region *);
unsigned long long ndctl_region_get_available_size(struct ndctl_region *);
struct ndctl_btt *ndctl_region_get_btt_seed(struct ndctl_region *);
struct ndctl_bus *ndctl_region_get_bus(struct ndctl_region *);
struct ndctl_ctx *ndctl_region_get_ctx(struct ndctl_region *);
struct ndctl_dax *ndctl_region_get_dax_seed(struct ndctl_region *);
const char *ndctl_region_get_devname(struct ndctl_region *);
struct ndctl_region *ndctl_region_get_first(struct ndctl_bus *);
struct badblock *ndctl_region_get_first_badblock(struct ndctl_region *);
struct ndctl_dimm *ndctl_region_get_first_dimm(struct ndctl_region *);
unsigned int ndctl_region_get_id(struct ndctl_region *);
struct ndctl_interleave_set *ndctl_region_get_interleave_set(struct ndctl_region *);
unsigned int ndctl_region_get_interleave_ways(struct ndctl_region *);
unsigned int ndctl_region_get_mappings(struct ndctl_region *);
unsigned long long ndctl_region_get_max_available_extent(struct ndctl_region *);
struct ndctl_namespace *ndctl_region_get_namespace_seed(struct ndctl_region *);
struct ndctl_region *ndctl_region_get_next(struct ndctl_region *);
struct badblock *ndctl_region_get_next_badblock(struct ndctl_region *);
struct ndctl_dimm *ndctl_region_get_next_dimm(struct ndctl_region *, struct ndctl_dimm *);
unsigned int ndctl_region_get_nstype(struct ndctl_region *);
int ndctl_region_get_numa_node(struct ndctl_region *);
struct ndctl_pfn *ndctl_region_get_pfn_seed(struct ndctl_region *);
unsigned long long ndctl_region_get_resource(struct ndctl_region *);
unsigned long long ndctl_region_get_size(struct ndctl_region *);
int ndctl_region_get_target_node(struct ndctl_region *);
const char *ndctl_region_get_type_name(struct ndctl_region *);
int ndctl_region_has_numa(struct ndctl_region *);
int ndctl_region_is_enabled(struct ndctl_region *);
void ndctl_set_log_fn(struct ndctl_ctx *, void(*)(struct ndctl_ctx *ctx, int priority, const char *file, int line, const char *fn, const char *format, va_list args));
void ndctl_set_log_priority(struct ndctl_ctx *, int);
void ndctl_set_userdata(struct ndctl_ctx *, void *);
struct ndctl_ctx *ndctl_unref(struct ndctl_ctx *);

/* libdaxctl */
int daxctl_dev_disable(struct daxctl_dev *);
int daxctl_dev_enable_devdax(struct daxctl_dev *);
int daxctl_dev_enable_ram(struct daxctl_dev *);
unsigned long daxctl_dev_get_align(struct daxctl_dev *);
struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *);
const char *daxctl_dev_get_devname(struct daxctl_dev *);
struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *);
int daxctl_dev_get_id(struct daxctl_dev *);
int daxctl_dev_get_major(struct daxctl_dev *);
struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *);
int daxctl_dev_get_minor(struct daxctl_dev *);
struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *);
struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *);
unsigned long long daxctl_dev_get_resource(struct daxctl_dev *);
unsigned long long daxctl_dev_get_size(struct daxctl_dev *);
int daxctl_dev_get_target_node(struct daxctl_dev *);
int daxctl_dev_is_enabled(struct daxctl_dev *);
int daxctl_dev_is_system_ram_capable(struct daxctl_dev *);
int daxctl_dev_set_align(struct daxctl_dev *, unsigned long);
int daxctl_dev_set_mapping(struct daxctl_dev *, unsigned long long, unsigned long long);
int daxctl_dev_set_size(struct daxctl_dev *, unsigned long long);
int daxctl_dev_will_auto_online_memory(struct daxctl_dev *);
int daxctl_get_log_priority(struct daxctl_ctx *);
void *daxctl_get_userdata(struct daxctl_ctx *);
unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *);
struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *);
struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *);
unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *);
unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *);
unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *);
unsigned long daxctl_memory_get_block_size(struct daxctl_memory *);
struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *);
int daxctl_memory_is_movable(struct daxctl_memory *);
int daxctl_memory_is_online(struct daxctl_memory *);
int daxctl_memory_num_sections(struct daxctl_memory *);
int daxctl_memory_offline(struct daxctl_memory *);
int daxctl_memory_online(struct daxctl_memory *);
int daxctl_memory_online_no_movable(struct daxctl_memory *);
int daxctl_new(struct daxctl_ctx **);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *);
unsigned long daxctl_region_get_align(struct daxctl_region *);
unsigned long long daxctl_region_get_available_size(struct daxctl_region *);
struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *);
const char *daxctl_region_get_devname(struct daxctl_region *);
struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *);
int daxctl_region_get_id(struct daxctl_region *);
struct daxctl_region *daxctl_region_get_next(struct daxctl_region *);
int daxctl_region_create_dev(struct daxctl_region *);
int daxctl_region_destroy_dev(struct daxctl_region *, struct daxctl_dev *);
struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *);
const char *daxctl_region_get_path(struct daxctl_region *);
unsigned long long daxctl_region_get_size(struct daxctl_region *);
void daxctl_set_log_fn(struct daxctl_ctx *, void(*)(struct daxctl_ctx *ctx, int priority, const char *file, int line, const char *fn, const char *format, va_list args));
void daxctl_set_log_priority(struct daxctl_ctx *, int);
void daxctl_set_userdata(struct daxctl_ctx *, void *);

#if NUMA_NO_NODE != -1 || NUMA_NO_ATTR != -2
#error "NUMA_NO_NODE and NUMA_NO_ATTR are upstream's -1 and -2"
#endif

int main(void)
{
	printf("test-upstream-protos: upstream's prototypes redeclared without conflict\n");
	return 0;
}
