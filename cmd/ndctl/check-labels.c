// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-labels: upstream's verdict (a DIMM fails only without a valid index
 * block), and beside it the label engine's deep findings about each area and
 * about each region whose DIMMs were all named, as the kernel's namespace
 * scan reads them; --repair rewrites a torn index block, --strict fails a
 * DIMM on an error finding.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "builtin.h"
#include "label-cmd.h"

static const char *const check_usage[] = {
	"ndctl check-labels <nmem0> [<nmem1>..<nmemN>] [<options>]", FILE_USAGE, "",
	"ndkit validates deeply: both index blocks, every in-use label, overlaps,",
	"positions, cookies. As upstream, a DIMM fails only with no valid index;",
	"--strict fails it on any error finding too.", NULL
};
static const struct option check_options[] = {
	BASE_OPTIONS(),
	OPT_BOOLEAN(0, "repair", &lopts.repair,
		"ndkit: rewrite a torn (invalid) index block from the current one"),
	OPT_BOOLEAN(0, "strict", &lopts.strict,
		"ndkit: a DIMM with an error finding about its labels fails too"),
	FILE_OPTIONS(),
	OPT_END(),
};
static const struct label_cmd check_cmd = {
	"check-labels", check_options, check_usage, "successfully verified", "nmem label",
};

static void print_findings(const struct label_target *tg, const struct ndctl_lsa_finding *f,
		unsigned nf, bool verbose)
{
	unsigned i;

	for (i = 0; i < nf; i++)
		if (verbose || f[i].severity != NDCTL_LSA_INFO)
			fprintf(stderr, "%s: %s: %s [%s]\n", tg->dev, ndctl_lsa_severity_name(f[i].severity),
				f[i].msg, f[i].id);
}

static int repair_one(struct ndctl_lsa *lsa, struct label_target *tg)
{
	int rc;

	if (!ndctl_lsa_valid(lsa) || (ndctl_lsa_index_valid(lsa, 0) && ndctl_lsa_index_valid(lsa, 1)))
		return 0;
	ndctl_lsa_xport_reset_counters(tg->t);
	rc = ndctl_lsa_repair(lsa, tg->t);
	if (rc < 0) {
		label_report_write(&check_cmd, tg, rc);
		return -1;
	}
	fprintf(stderr, "%s: repaired the invalid index block\n", tg->dev);
	return label_target_revalidate(tg) < 0 ? -1 : 0;
}

/* nmemN/nfit/id as the NFIT stores the fields (sysfs shows them byte-swapped). */
static bool dimm_iset_fields(struct ndctl_dimm *dimm, struct ndctl_label_iset_map *m)
{
	const char *id = ndctl_dimm_get_unique_id(dimm);
	unsigned vendor, location, date, serial;

	*m = (struct ndctl_label_iset_map){ 0 };
	if (!id)
		return false;
	if (sscanf(id, "%4x-%2x-%4x-%8x", &vendor, &location, &date, &serial) != 4) {
		location = date = 0;
		if (sscanf(id, "%4x-%8x", &vendor, &serial) != 2)
			return false;
	}
	m->vendor_id = (uint16_t)(vendor >> 8 | (vendor & 0xff) << 8);
	m->mfg_date = (uint16_t)(date >> 8 | (date & 0xff) << 8);
	m->mfg_location = (uint8_t)location;
	m->serial = __builtin_bswap32(serial);
	return true;
}

/* The region's mapping0 (the kernel's mapping[0]): libndctl lists mappings last to first. */
static struct ndctl_mapping *mapping0(struct ndctl_region *region)
{
	struct ndctl_mapping *mapping, *last = NULL;

	ndctl_mapping_foreach(region, mapping)
		last = mapping;
	return last;
}

/*
 * The cookies the kernel accepts in the region's labels: set_cookie (the one
 * for the version of mapping 0's current index) and the altcookie, which is
 * cookie1 for a one-DIMM set: equal to set_cookie when that index is v1.1,
 * else solved from set_cookie and the DIMM's NFIT identity. A larger set's
 * altcookie is not known. lsa0: mapping 0's area when loaded, else NULL.
 */
static unsigned region_cookies(struct ndctl_region *region, const struct ndctl_lsa *lsa0,
		uint64_t cookies[2])
{
	struct ndctl_mapping *m0 = mapping0(region);
	struct ndctl_lsa_index_info info;
	struct ndctl_label_iset_map fields;
	bool v11;

	cookies[0] = ndctl_region_get_iset_cookie(region);
	if (!cookies[0])
		return 0;
	if (ndctl_region_get_mappings(region) != 1 || !m0 || !lsa0 || ndctl_lsa_current_index(lsa0) < 0)
		return 1;
	v11 = ndctl_lsa_index_info(lsa0, ndctl_lsa_current_index(lsa0), &info) == 0 &&
		info.major == 1 && info.minor == 1;
	if (v11 || !dimm_iset_fields(ndctl_mapping_get_dimm(m0), &fields))
		return 1;
	cookies[1] = ndctl_label_iset_cookie1_of_one(cookies[0], &fields);
	return 2;
}

/* The regions that use a DIMM, each with its extent on it and its cookies; at most max. */
static unsigned dimm_region_maps(struct ndctl_dimm *dimm, const struct ndctl_lsa *lsa,
		struct ndctl_lsa_region_map *maps, unsigned max)
{
	struct ndctl_region *region;
	struct ndctl_mapping *mapping;
	unsigned n = 0;

	ndctl_region_foreach(ndctl_dimm_get_bus(dimm), region)
		ndctl_mapping_foreach(region, mapping) {
			struct ndctl_mapping *m0 = mapping0(region);

			if (ndctl_mapping_get_dimm(mapping) != dimm || n == max)
				continue;
			maps[n] = (struct ndctl_lsa_region_map){
				.dpa = ndctl_mapping_get_offset(mapping),
				.size = ndctl_mapping_get_length(mapping),
			};
			maps[n].ncookies = region_cookies(region,
				ndctl_mapping_get_dimm(m0) == dimm ? lsa : NULL, maps[n].cookies);
			n++;
		}
	return n;
}

/* Findings about the DIMM's labels in its regions (none for a file); -ENOMEM. */
static int check_regions(const struct label_target *tg, const struct ndctl_lsa *lsa,
		struct ndctl_lsa_finding **f, unsigned *nf)
{
	struct ndctl_lsa_region_map maps[16];
	struct ndctl_lsa_finding *g = NULL, *all;
	unsigned n = tg->dimm ? dimm_region_maps(tg->dimm, lsa, maps, 16) : 0, ng = 0;
	int errors;

	if (!n || !ndctl_lsa_valid(lsa))
		return 0;
	errors = ndctl_lsa_validate_regions(lsa, maps, n, &g, &ng);
	if (errors < 0 || !ng) {
		free(g);
		return errors;
	}
	all = realloc(*f, (*nf + ng) * sizeof(**f));
	if (!all) {
		free(g);
		return -ENOMEM;
	}
	memcpy(all + *nf, g, ng * sizeof(*g));
	free(g);
	*f = all;
	*nf += ng;
	return errors;
}

/*
 * 0: the area passes; 1: it does not (or could not be read or repaired). The
 * area is kept in *keep (NULL when it could not be read) for check_sets().
 * Upstream's check stops at the index blocks, and scripts read its count and
 * exit status: so only a missing valid index fails the area, and the deeper
 * findings are printed beside it, unless --strict.
 */
static int check_one(const struct label_opts *o, struct label_target *tg, struct ndctl_lsa **keep)
{
	struct ndctl_lsa_finding *f = NULL;
	struct ndctl_lsa *lsa;
	unsigned nf = 0;
	int errors, more, rc = ndctl_lsa_load(tg->t, 0, &lsa);

	*keep = NULL;
	if (rc < 0)
		return label_report_xport(&check_cmd, tg, rc);
	if (o->repair && repair_one(lsa, tg) < 0) {
		ndctl_lsa_free(lsa);
		return 1;
	}
	errors = ndctl_lsa_validate(lsa, NULL, &f, &nf);
	more = errors < 0 ? 0 : check_regions(tg, lsa, &f, &nf);
	errors = more < 0 ? more : errors + more;
	*keep = lsa;
	if (errors < 0) {
		fprintf(stderr, "ndctl check-labels: out of memory\n");
		return 1;
	}
	print_findings(tg, f, nf, o->verbose);
	free(f);
	return o->strict ? errors > 0 : !ndctl_lsa_valid(lsa);
}

/* The target holding dimm, or n. */
static unsigned target_of(const struct label_target *tg, unsigned n, struct ndctl_dimm *dimm)
{
	unsigned i;

	for (i = 0; i < n && tg[i].dimm != dimm; i++)
		;
	return i;
}

/* A region's label areas, mapping0 first, and the target each came from. */
struct region_set {
	const struct ndctl_lsa *set[16];	/* NULL: the DIMM's area is not valid */
	struct ndctl_lsa_region_map maps[16];
	unsigned who[16], k;
};

/* Whether target i is the first of its bus (each bus's regions are checked once). */
static bool first_of_bus(const struct label_target *tg, unsigned i)
{
	for (unsigned j = 0; j < i; j++)
		if (tg[j].dimm && ndctl_dimm_get_bus(tg[j].dimm) == ndctl_dimm_get_bus(tg[i].dimm))
			return false;
	return true;
}

/* The areas of region's DIMMs; false when a DIMM of it was not checked (or > 16). */
static bool region_set_gather(struct ndctl_region *region, const struct label_target *tg,
		unsigned n, struct ndctl_lsa **lsas, struct region_set *rs)
{
	struct ndctl_mapping *mapping;

	rs->k = 0;
	ndctl_mapping_foreach(region, mapping) {
		unsigned t = target_of(tg, n, ndctl_mapping_get_dimm(mapping));

		if (rs->k == 16 || t == n || !lsas[t])
			return false;
		rs->who[rs->k] = t;
		rs->set[rs->k] = ndctl_lsa_valid(lsas[t]) ? lsas[t] : NULL;
		rs->maps[rs->k] = (struct ndctl_lsa_region_map){
			.dpa = ndctl_mapping_get_offset(mapping),
			.size = ndctl_mapping_get_length(mapping),
		};
		rs->k++;
	}
	return true;
}

/* The mappings are listed last to first: put mapping0 first. */
static void region_set_reverse(struct region_set *rs)
{
	for (unsigned j = 0, last = rs->k - 1; j < rs->k / 2; j++) {
		const struct ndctl_lsa *s = rs->set[j];
		struct ndctl_lsa_region_map m = rs->maps[j];
		unsigned w = rs->who[j];

		rs->set[j] = rs->set[last - j];
		rs->maps[j] = rs->maps[last - j];
		rs->who[j] = rs->who[last - j];
		rs->set[last - j] = s;
		rs->maps[last - j] = m;
		rs->who[last - j] = w;
	}
}

/* One region's set validated; each finding printed under (and failing) its DIMM. */
static void check_region(const struct label_opts *o, struct label_target *tg,
		struct ndctl_lsa **lsas, struct ndctl_region *region, struct region_set *rs, int *bad)
{
	struct ndctl_lsa_finding *f = NULL;
	uint8_t pmem_guid[16];
	unsigned nf = 0;

	uuid_parse(NDCTL_LABEL_GUID_PMEM, pmem_guid);
	rs->maps[0].ncookies = region_cookies(region, lsas[rs->who[0]], rs->maps[0].cookies);
	if (ndctl_lsa_validate_region(rs->set, rs->maps, rs->k, pmem_guid, &f, &nf) < 0) {
		fprintf(stderr, "ndctl check-labels: out of memory\n");
		bad[rs->who[0]] = o->strict;
		return;
	}
	for (unsigned j = 0; j < nf; j++) {
		print_findings(&tg[rs->who[f[j].index]], &f[j], 1, o->verbose);
		if (o->strict && f[j].severity == NDCTL_LSA_ERROR)
			bad[rs->who[f[j].index]] = 1;
	}
	free(f);
}

/*
 * Each region whose DIMMs were all checked, as the kernel's namespace scan
 * reads it across them (ndctl_lsa_validate_region()); a finding is printed
 * under the DIMM it is about (and, with --strict, fails it). A region whose other
 * DIMMs were not named is not checked.
 */
static void check_sets(const struct label_opts *o, struct label_target *tg, unsigned n,
		struct ndctl_lsa **lsas, int *bad)
{
	for (unsigned i = 0; i < n; i++) {
		struct ndctl_region *region;

		if (!tg[i].dimm || !first_of_bus(tg, i))
			continue;
		ndctl_region_foreach(ndctl_dimm_get_bus(tg[i].dimm), region) {
			struct region_set rs;

			if (!region_set_gather(region, tg, n, lsas, &rs) || !rs.k ||
					!ndctl_region_get_iset_cookie(region))
				continue;
			region_set_reverse(&rs);
			check_region(o, tg, lsas, region, &rs, bad);
		}
	}
}

int cmd_check_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	struct ndctl_lsa **lsas;
	unsigned n, i, count = 0;
	int rc, failed = 0, *bad;

	rc = label_parse_opts(&check_cmd, &argc, argv, &o);
	if (!rc)
		rc = label_check_names(&check_cmd, argc, argv);
	if (rc)
		return label_cmd_end(rc);
	if (label_open_targets(ctx, &check_cmd, &o, argv, argc, o.repair, &tg, &n))
		return EXIT_FAILURE;
	lsas = calloc(n, sizeof(*lsas));
	bad = calloc(n, sizeof(*bad));
	if (!lsas || !bad) {
		fprintf(stderr, "ndctl check-labels: out of memory\n");
		free(lsas);
		free(bad);
		label_targets_free(tg, n);
		return EXIT_FAILURE;
	}
	for (i = 0; i < n; i++)
		bad[i] = check_one(&o, &tg[i], &lsas[i]);
	check_sets(&o, tg, n, lsas, bad);
	for (i = 0; i < n; i++) {
		failed |= bad[i];
		count += !bad[i];
		ndctl_lsa_free(lsas[i]);
	}
	free(lsas);
	free(bad);
	label_print_count(&check_cmd, count);
	label_targets_free(tg, n);
	return label_status(count, failed);
}
