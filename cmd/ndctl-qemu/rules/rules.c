// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rules of `ndctl-qemu check` that need only the command line. Each
 * finding names the option and the fix; ids are listed in docs/ndctl-qemu.md.
 */
#include <stdlib.h>
#include <string.h>
#include "util/size.h"
#include "placement.h"
#include "rules-cxl.h"
#include "rules-files.h"
#include "rules.h"

#define SZ_FMT 24
#define LABEL_SIZE_MIN SZ_128K
#define NAMESPACE_ALIGN SZ_16M
#define SECTION_ALIGN SZ_128M

static const char *sz(uint64_t v, char *buf)
{
	return format_size_short(v, buf, SZ_FMT);
}

static void rule_machine_nvdimm(const struct qemu_config *cfg, struct findings *f)
{
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];

		if (!d->nvdimm || cfg->nvdimm_on)
			continue;
		finding_add(f, SEV_ERROR, "machine-nvdimm", d->opt->text,
			"the machine has no nvdimm=on, so QEMU refuses nvdimm devices; "
			"use -machine %s,nvdimm=on", cfg->machine_type);
		return;
	}
}

static void rule_acpi(const struct qemu_config *cfg, struct findings *f)
{
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];

		if (!cfg->no_acpi)
			continue;
		finding_add(f, SEV_ERROR, "no-acpi", d->opt->text,
			"ACPI is off (-no-acpi or acpi=off): QEMU refuses every pc-dimm and "
			"nvdimm then (\"memory hotplug is not enabled\"), and the guest would "
			"have no NFIT anyway; drop -no-acpi and acpi=off");
		return;
	}
}

static const char *m_text(const struct qemu_config *cfg)
{
	return cfg->m_opt ? cfg->m_opt->text : "-m";
}

static void rule_slots(const struct qemu_config *cfg, struct findings *f)
{
	unsigned need = cfg->nmemdevs;

	if (!need || cfg->slots >= need)
		return;
	finding_add(f, SEV_ERROR, "slots", m_text(cfg),
		"slots=%u but the %u pc-dimm/nvdimm devices need one slot each; "
		"use slots=%u (plus one spare per DIMM you will hotplug with device_add)",
		cfg->slots, need, need);
}

/* slot= must be below slots= and used once (QEMU refuses the device). */
static void rule_slot_numbers(const struct qemu_config *cfg, struct findings *f)
{
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];

		if (d->slot < 0)
			continue;
		if (cfg->slots && d->slot >= (long)cfg->slots)
			finding_add(f, SEV_ERROR, "slot", d->opt->text,
				"slot=%ld is out of range for slots=%u; use slot=0..%u or raise slots=",
				d->slot, cfg->slots, cfg->slots - 1);
		for (int k = 0; k < i; k++)
			if (cfg->memdevs[k].slot == d->slot) {
				finding_add(f, SEV_ERROR, "slot", d->opt->text,
					"slot=%ld is already taken by an earlier device; give "
					"each DIMM its own slot= or leave it out", d->slot);
				break;
			}
	}
}

static void rule_maxmem(const struct qemu_config *cfg, struct findings *f)
{
	uint64_t need = cfg->ram_size;
	char a[SZ_FMT], b[SZ_FMT];

	if (!cfg->nmemdevs)
		return;
	for (int i = 0; i < cfg->nmemdevs; i++)
		if (cfg->memdevs[i].backend)
			need += cfg->memdevs[i].backend->size;
	if (cfg->maxmem >= need)
		return;
	finding_add(f, SEV_ERROR, "maxmem", m_text(cfg),
		"maxmem=%s is less than RAM plus every DIMM's size; use maxmem=%s or more",
		cfg->maxmem ? sz(cfg->maxmem, a) : "(none)", sz(need, b));
}

static void rule_label_size(const struct qemu_memdev *d, struct findings *f)
{
	uint64_t region = qemu_memdev_region_size(d);
	char a[SZ_FMT], b[SZ_FMT], c[SZ_FMT];

	if (d->label_size && d->label_size < LABEL_SIZE_MIN)
		finding_add(f, SEV_ERROR, "label-size-min", d->opt->text,
			"label-size=%s is below QEMU's 128 KiB minimum; use label-size=128K or more",
			sz(d->label_size, a));
	if (!d->backend)
		return;
	if (!region) {
		finding_add(f, SEV_ERROR, "nvdimm-size", d->opt->text,
			"nothing is left for data once label-size=%s is taken from size=%s "
			"and the rest aligned to %s; make the backend larger",
			sz(d->label_size, a), sz(d->backend->size, b),
			sz(qemu_backend_align(d->backend), c));
		return;
	}
	if (d->label_size && region % SZ_2M)
		finding_add(f, SEV_WARNING, "label-size-2m", d->opt->text,
			"the guest sees %s (size minus label-size), not a multiple of 2 MiB, "
			"so the tail cannot be mapped with 2 MiB pages; use a label-size that "
			"is a multiple of 2M or add align=2M to -object %s",
			sz(region, a), d->backend->id ? d->backend->id : "");
}

static void rule_memdev(const struct qemu_memdev *d, struct findings *f)
{
	if (!d->memdev)
		finding_add(f, SEV_ERROR, "memdev-missing", d->opt->text,
			"the device has no memdev=; add memdev=ID naming a memory-backend -object");
	else if (!d->backend)
		finding_add(f, SEV_ERROR, "memdev-missing", d->opt->text,
			"memdev=%s names no memory-backend -object; add "
			"-object memory-backend-file,id=%s,... or fix the name", d->memdev, d->memdev);
}

static void rule_backend_reused(const struct qemu_config *cfg, int idx, struct findings *f)
{
	const struct qemu_memdev *d = &cfg->memdevs[idx];

	for (int i = 0; i < idx; i++)
		if (cfg->memdevs[i].backend == d->backend) {
			finding_add(f, SEV_ERROR, "backend-reused", d->opt->text,
				"memdev=%s is already used by an earlier device; give each "
				"DIMM its own -object memory-backend-*", d->memdev);
			return;
		}
}

static void rule_readonly(const struct qemu_memdev *d, struct findings *f)
{
	if (d->nvdimm && d->backend->readonly && !d->unarmed)
		finding_add(f, SEV_ERROR, "readonly-unarmed", d->opt->text,
			"backend %s is readonly=on, which QEMU allows only for an unarmed "
			"NVDIMM; add unarmed=on", d->memdev);
}

static void rule_volatile(const struct qemu_memdev *d, struct findings *f)
{
	const struct qemu_backend *b = d->backend;

	if (!d->nvdimm)
		return;
	if (b->kind != BACKEND_FILE)
		finding_add(f, SEV_WARNING, "volatile-backend", b->opt->text,
			"a memory-backend-%s loses the NVDIMM's data and labels when QEMU "
			"exits; use memory-backend-file,mem-path=FILE,share=on",
			b->kind == BACKEND_RAM ? "ram" : "memfd");
	else if (b->share != 1)
		finding_add(f, SEV_WARNING, "share-off", b->opt->text,
			"share=%s: guest writes, labels included, go to a private copy and "
			"never reach %s; add share=on", b->share == 0 ? "off" : "off (default)",
			b->mem_path ? b->mem_path : "the file");
}

static void check_memdevs(const struct qemu_config *cfg, struct findings *f)
{
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];

		rule_memdev(d, f);
		if (!d->backend)
			continue;
		rule_backend_reused(cfg, i, f);
		rule_readonly(d, f);
		rule_volatile(d, f);
		if (d->nvdimm)
			rule_label_size(d, f);
	}
}

/* Two -object or two -device options with the same id= (QEMU refuses both). */
static void rule_duplicate_ids(const struct qemu_config *cfg, struct findings *f)
{
	for (int i = 0; i < cfg->nopts; i++) {
		const struct qemu_option *a = &cfg->opts[i];
		const char *id = qemu_opt_get(a, "id");
		bool a_obj = qemu_opt_get(a, "qom-type") != NULL;

		if (!id)
			continue;
		for (int k = 0; k < i; k++) {
			const struct qemu_option *b = &cfg->opts[k];
			const char *bid = qemu_opt_get(b, "id");

			if (!bid || strcmp(id, bid) != 0 ||
			    a_obj != (qemu_opt_get(b, "qom-type") != NULL))
				continue;
			finding_add(f, SEV_ERROR, "duplicate-id", a->text,
				"id=%s is already used by an earlier %s; give every %s its own id",
				id, a_obj ? "-object" : "-device", a_obj ? "-object" : "-device");
			break;
		}
	}
}

static void report_misaligned(const struct dimm_place *p, struct findings *f)
{
	const struct qemu_backend *b = p->dev->backend;
	bool fatal = p->start % NAMESPACE_ALIGN != 0;
	char a[SZ_FMT];

	finding_add(f, fatal ? SEV_ERROR : SEV_WARNING, "dimm-align", p->dev->opt->text,
		"QEMU places this DIMM at %#llx, off a 128 MiB boundary (the earlier DIMMs' "
		"usable sizes do not add up to multiples of 128M)%s; add align=128M to "
		"-object %s, or size the earlier DIMMs so size minus label-size is a "
		"multiple of 128M (alignment now %s)",
		(unsigned long long)p->start,
		fatal ? ", so every namespace created on it fails as \"misaligned to 16M\"" : "",
		b->id ? b->id : "", sz(p->align, a));
}

static void rule_dimm_align(const struct qemu_config *cfg, struct findings *f)
{
	struct dimm_place *places = calloc(cfg->nmemdevs + 1, sizeof(*places));
	int n;

	if (!places)
		abort();
	n = qemu_place_memdevs(cfg, places);
	for (int i = 0; i < n; i++)
		if (places[i].dev->nvdimm && places[i].size &&
		    places[i].start % SECTION_ALIGN)
			report_misaligned(&places[i], f);
	free(places);
}

void qemu_check(const struct qemu_config *cfg, struct findings *f)
{
	rule_machine_nvdimm(cfg, f);
	rule_acpi(cfg, f);
	rule_slots(cfg, f);
	rule_slot_numbers(cfg, f);
	rule_maxmem(cfg, f);
	rule_duplicate_ids(cfg, f);
	check_memdevs(cfg, f);
	check_backend_files(cfg, f);
	rule_dimm_align(cfg, f);
	qemu_check_cxl(cfg, f);
}
