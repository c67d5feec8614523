// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * Every captured label area decodes to its *.expected.json through the file
 * transport, as a raw area and at the end of a larger (sparse) backend file;
 * the cookies in the real labels match the QEMU cookie helper; validation is
 * clean on the real areas and flags foreign cookies.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "../test.h"
#include "lsa-test-util.h"

#define BACKEND_PAD (64ull << 20)	/* guest-visible part of the fake backend */

static char tmpdir[] = "/tmp/ndkit-lsa-XXXXXX";

static char *write_file(const char *name, const uint8_t *buf, size_t len, uint64_t pad)
{
	char *path;
	int fd;

	if (asprintf(&path, "%s/%s", tmpdir, name) < 0)
		return NULL;
	fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
	CHECK(fd >= 0);
	CHECK(ftruncate(fd, (off_t)(pad + len)) == 0);
	CHECK(pwrite(fd, buf, len, (off_t)pad) == (ssize_t)len);
	close(fd);
	return path;
}

static char *load_text(const char *path, uint64_t label_size, unsigned flags,
		uint64_t want_off, uint64_t want_size, struct ndctl_lsa_counters *c)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa = NULL;
	char *text = NULL;
	int rc = ndctl_lsa_file_open(NULL, path, label_size, 0, &t);

	CHECK_EQ_U64(rc, 0);
	if (rc == 0) {
		CHECK_EQ_U64(ndctl_lsa_file_offset(t), want_off);
		CHECK_EQ_U64(ndctl_lsa_xport_size(t), want_size);
		CHECK_EQ_U64(ndctl_lsa_load(t, flags, &lsa), 0);
		ndctl_lsa_xport_counters(t, c);
	}
	if (lsa)
		text = lsa_state_text(lsa);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	return text;
}

/* Cookies of real labels equal what the helper computes for that QEMU slot. */
static void check_cookies(const char *name, const struct ndctl_lsa *lsa)
{
	unsigned slot = name[6] - '0', i;
	int version = ndctl_lsa_version_minor(lsa);
	uint64_t want = ndctl_label_qemu_cookie(slot, 0, version);
	struct ndctl_lsa_expect good = { .cookies = { want }, .ncookies = 1 };
	struct ndctl_lsa_expect bad = { .cookies = { want + 1 }, .ncookies = 1 };
	struct ndctl_lsa_finding *f;
	struct ndctl_label l;
	unsigned n, mismatches = 0;

	for (i = 0; i < ndctl_lsa_label_count(lsa); i++) {
		ndctl_lsa_label_get(lsa, i, &l);
		CHECK_EQ_U64(l.isetcookie, want);
	}
	CHECK_EQ_U64(ndctl_lsa_validate(lsa, &good, &f, &n), 0);
	free(f);
	CHECK_EQ_U64(ndctl_lsa_validate(lsa, &bad, &f, &n), ndctl_lsa_label_count(lsa));
	for (i = 0; i < n; i++)
		mismatches += !strcmp(f[i].id, "cookie-mismatch");
	CHECK_EQ_U64(mismatches, ndctl_lsa_label_count(lsa));
	free(f);
}

static unsigned count_id(const struct ndctl_lsa_finding *f, unsigned n, const char *id)
{
	unsigned i, k = 0;

	for (i = 0; i < n; i++)
		k += !strcmp(f[i].id, id);
	return k;
}

/*
 * The kernel's region probe ignores a label whose dpa is in no region of its
 * DIMM or whose cookie is not its region's, and fails the region for one that
 * ends past the region's extent: check-labels must say so (the oracle's
 * disagreements on corrupted cookies and DPAs, issue 24).
 */
static void check_regions(const struct ndctl_lsa *lsa)
{
	unsigned slot = 0, i, n, nl = ndctl_lsa_label_count(lsa);
	uint64_t want, lo = ~0ull;
	struct ndctl_lsa_region_map m;
	struct ndctl_lsa_finding *f;
	struct ndctl_label l;

	if (!nl)
		return;
	for (i = 0; i < nl; i++) {
		ndctl_lsa_label_get(lsa, i, &l);
		if (l.dpa < lo) {
			lo = l.dpa;
			slot = l.slot;
		}
	}
	want = l.isetcookie;
	m = (struct ndctl_lsa_region_map){ .dpa = 0, .size = 1ull << 40, .cookies = { want },
		.ncookies = 1 };
	CHECK_EQ_U64(ndctl_lsa_validate_regions(lsa, &m, 1, &f, &n), 0);
	CHECK_EQ_U64(n, 0);
	free(f);
	m.cookies[0] = want + 1;	/* another set's cookie: every label ignored, no error */
	CHECK_EQ_U64(ndctl_lsa_validate_regions(lsa, &m, 1, &f, &n), 0);
	CHECK_EQ_U64(count_id(f, n, "cookie-mismatch"), nl);
	CHECK(n && f[0].severity == NDCTL_LSA_WARN && strstr(f[0].msg, "the kernel ignores it"));
	free(f);
	m = (struct ndctl_lsa_region_map){ .dpa = lo + 1, .size = 1ull << 40, .cookies = { want },
		.ncookies = 1 };	/* the lowest label starts before the region */
	CHECK_EQ_U64(ndctl_lsa_validate_regions(lsa, &m, 1, &f, &n), 0);
	CHECK_EQ_U64(count_id(f, n, "dpa-outside"), 1);
	CHECK(n && f[0].slot == slot && strstr(f[0].msg, "the kernel ignores it"));
	free(f);
	m = (struct ndctl_lsa_region_map){ .dpa = lo, .size = 1, .cookies = { want },
		.ncookies = 1 };	/* ... and ends past it */
	CHECK(ndctl_lsa_validate_regions(lsa, &m, 1, &f, &n) >= 1);
	CHECK_EQ_U64(count_id(f, n, "extent-outside"), 1);
	CHECK(n && strstr(f[0].msg, "the region probe fails"));
	free(f);
}

/* A v1.1 label of rawsize 0 makes the kernel refuse the DIMM (-EBUSY): check-labels says so. */
static void check_rawsize_zero(const struct ndctl_lsa *lsa, const uint8_t *buf, size_t len)
{
	struct ndctl_lsa_finding *f;
	struct ndctl_lsa *bad;
	struct ndctl_label l;
	uint8_t *copy;
	unsigned n, i;

	if (ndctl_lsa_labelsize(lsa) != 128 || !ndctl_lsa_label_count(lsa))
		return;
	ndctl_lsa_label_get(lsa, 0, &l);
	copy = malloc(len);
	CHECK(copy != NULL);
	if (!copy)
		return;
	memcpy(copy, buf, len);
	memset(copy + 2 * ndctl_lsa_isz(lsa) + (size_t)l.slot * 128 + 112, 0, 8);
	CHECK_EQ_U64(ndctl_lsa_decode(copy, len, &bad), 0);
	CHECK(ndctl_lsa_validate(bad, NULL, &f, &n) >= 1);
	for (i = 0; i < n && strcmp(f[i].id, "label-rawsize"); i++)
		;
	CHECK(i < n && strstr(f[i].msg, "the kernel refuses this DIMM"));
	free(f);
	ndctl_lsa_free(bad);
	free(copy);
}

static const char *jstr(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "";
}

static uint64_t jnum(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? (uint64_t)json_object_get_int64(v) : ~0ull;
}

static void check_upstream_label(const struct ndctl_lsa *lsa, struct json_object *u)
{
	struct ndctl_label l;
	char text[37];
	uint8_t raw[16];

	CHECK_EQ_U64(ndctl_lsa_slot_decode(lsa, (uint32_t)jnum(u, "slot"), &l), 0);
	uuid_unparse(l.uuid, text);
	CHECK_EQ_STR(text, jstr(u, "uuid"));
	CHECK_EQ_STR(l.name, jstr(u, "name"));
	CHECK_EQ_U64(l.flags, jnum(u, "flags"));
	CHECK_EQ_U64(l.position, jnum(u, "position"));
	CHECK_EQ_U64(l.nlabel, jnum(u, "nlabel"));
	CHECK_EQ_U64(l.isetcookie, jnum(u, "isetcookie"));
	CHECK_EQ_U64(l.dpa, jnum(u, "dpa"));
	CHECK_EQ_U64(l.rawsize, jnum(u, "rawsize"));
	if (ndctl_lsa_labelsize(lsa) < 256)
		return;
	ndctl_label_guid_swap(raw, l.type_guid);	/* upstream prints the on-media bytes */
	uuid_unparse(raw, text);
	CHECK_EQ_STR(text, jstr(u, "type_guid"));
	ndctl_label_guid_swap(raw, l.abstraction_guid);
	uuid_unparse(raw, text);
	CHECK_EQ_STR(text, jstr(u, "abstraction_guid"));
}

/* Index fields and every label upstream read-labels printed (stale ones too). */
static void check_upstream(const char *name, const uint8_t *buf, size_t len)
{
	char *p, *path;
	struct json_object *up, *arr;
	struct ndctl_lsa_index_info info;
	struct ndctl_lsa *lsa;
	size_t i;

	if (asprintf(&p, "%s.upstream-read-labels.json", name) < 0 || !(path = vector_path(p)))
		return;
	free(p);
	up = json_object_from_file(path);
	free(path);
	if (!up)
		return;
	if (json_object_is_type(up, json_type_array)) {	/* upstream's piped form */
		struct json_object *one = json_object_get(json_object_array_get_idx(up, 0));

		json_object_put(up);
		up = one;
	}
	CHECK_EQ_U64(ndctl_lsa_decode(buf, len, &lsa), 0);
	CHECK(json_object_object_get_ex(up, "index", &arr));
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *u = json_object_array_get_idx(arr, i);

		CHECK_EQ_U64(ndctl_lsa_index_info(lsa, (int)i, &info), 0);
		CHECK(info.signature_ok && !strcmp(jstr(u, "signature"), "NAMESPACE_INDEX"));
		CHECK_EQ_U64(info.major, jnum(u, "major"));
		CHECK_EQ_U64(info.minor, jnum(u, "minor"));
		CHECK_EQ_U64(128u << info.labelsize_field, jnum(u, "labelsize"));
		CHECK_EQ_U64(info.seq, jnum(u, "seq"));
		CHECK_EQ_U64(info.nslot, jnum(u, "nslot"));
	}
	if (json_object_object_get_ex(up, "label", &arr))
		for (i = 0; i < json_object_array_length(arr); i++)
			check_upstream_label(lsa, json_object_array_get_idx(arr, i));
	ndctl_lsa_free(lsa);
	json_object_put(up);
}

static void check_vector(const char *name)
{
	char *gz, *expath, *p, *raw, *big, *expect, *text;
	struct ndctl_lsa_counters c;
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	size_t len = 0;
	uint8_t *buf;
	bool valid;

	if (asprintf(&p, "%s.lsa.gz", name) < 0 || !(gz = vector_path(p)))
		return;
	free(p);
	if (asprintf(&p, "%s.expected.json", name) < 0 || !(expath = vector_path(p)))
		return;
	free(p);
	buf = gunzip_file(gz, &len);
	CHECK(buf != NULL);
	expect = json_canon(json_object_from_file(expath));
	CHECK(expect != NULL);
	if (!buf || !expect)
		return;

	/* in memory */
	CHECK_EQ_U64(ndctl_lsa_decode(buf, len, &lsa), 0);
	text = lsa_state_text(lsa);
	CHECK_EQ_STR(text, expect);
	free(text);
	valid = ndctl_lsa_valid(lsa);
	/* what ndctl-qemu's backend rules ask of a tail: its first half holds an index */
	CHECK(ndctl_lsa_has_index_signature(buf, len / 2) == valid);
	if (valid) {
		check_upstream(name, buf, len);
		CHECK_EQ_U64(count_findings(lsa, NDCTL_LSA_WARN), 0);
		check_cookies(name, lsa);
		check_regions(lsa);
		check_rawsize_zero(lsa, buf, len);
	}
	ndctl_lsa_free(lsa);

	/* raw area file: auto-detected, only index blocks and in-use slots read */
	raw = write_file("raw.lsa", buf, len, 0);
	text = load_text(raw, 0, 0, 0, len, &c);
	CHECK_EQ_STR(text, expect);
	free(text);
	CHECK(c.bytes_read < len);
	text = load_text(raw, 0, NDCTL_LSA_LOAD_FULL, 0, len, &c);
	CHECK_EQ_STR(text, expect);
	free(text);
	CHECK_EQ_U64(c.bytes_read, len);

	/* at the end of a sparse backend file */
	big = write_file("backend.img", buf, len, BACKEND_PAD);
	if (valid) {
		text = load_text(big, 0, 0, BACKEND_PAD, len, &c);
		CHECK_EQ_STR(text, expect);
		free(text);
	} else {
		CHECK_EQ_U64(ndctl_lsa_file_open(NULL, big, 0, 0, &t), -ENOENT);
		CHECK(strstr(ndctl_lsa_xport_errmsg(t), "label size") != NULL);
		ndctl_lsa_xport_close(t);
	}
	text = load_text(big, len, 0, BACKEND_PAD, len, &c);
	CHECK_EQ_STR(text, expect);
	free(text);
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, big, BACKEND_PAD + len + 1, 0, &t), -EINVAL);
	ndctl_lsa_xport_close(t);

	printf("%-28s %8zu bytes: %s\n", name, len, valid ? "decoded" : "no index (as expected)");
	unlink(raw);
	unlink(big);
	free(raw);
	free(big);
	free(buf);
	free(expect);
	free(gz);
	free(expath);
}

/* The signature counts at 256-byte boundaries only, and only whole. */
static void check_index_signature(void)
{
	uint8_t buf[1024] = { 0 };

	CHECK(!ndctl_lsa_has_index_signature(buf, sizeof(buf)));
	memcpy(buf + 128, "NAMESPACE_INDEX", 16);
	CHECK(!ndctl_lsa_has_index_signature(buf, sizeof(buf)));
	memcpy(buf + 512, "NAMESPACE_INDEX", 16);
	CHECK(ndctl_lsa_has_index_signature(buf, sizeof(buf)));
	CHECK(!ndctl_lsa_has_index_signature(buf, 512 + 15));
	CHECK(ndctl_lsa_has_index_signature(buf, 512 + 16));
}

/*
 * A 2 MiB v1.2 area read through QEMU's 4076-byte transfers: the first read
 * takes the index blocks sized for 128-byte labels (2 x 2304 bytes), which
 * also holds this area's in-use slots 1-3 (v1.2 slots start at 2 x 1280), so
 * nothing more is read: 4608 bytes in 2 transfers, no byte twice.
 */
static void check_no_double_read(void)
{
	struct ndctl_lsa_counters c;
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	size_t len = 0;
	char *gz = vector_path("nvdimm1-many-v1.2.lsa.gz");
	uint8_t *buf = gz ? gunzip_file(gz, &len) : NULL;

	CHECK(buf != NULL);
	if (!buf)
		return;
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, buf, len, 4076, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_load(t, 0, &lsa), 0);
	CHECK(ndctl_lsa_labelsize(lsa) == 256 && ndctl_lsa_label_count(lsa) > 0);
	ndctl_lsa_xport_counters(t, &c);
	CHECK_EQ_U64(c.bytes_read, 2 * 2304);
	CHECK_EQ_U64(c.transfers, 2);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	free(buf);
	free(gz);
}

int main(void)
{
	char **names, **n;
	unsigned count = 0;

	CHECK(mkdtemp(tmpdir) != NULL);
	/* the values seen in testdata/README.md */
	CHECK_EQ_U64(ndctl_label_qemu_cookie(0, 0, 1), 0x2468ac00123456ull);
	CHECK_EQ_U64(ndctl_label_qemu_cookie(0, 0, 2), 0xba90120012b4dcull);
	CHECK_EQ_U64(ndctl_label_qemu_cookie(1, 0, 1), 0x2468ae00123457ull);
	CHECK_EQ_U64(ndctl_label_qemu_cookie(1, 0, 2), 0xba901c0012b4ddull);
	/* a one-DIMM set's cookie1 (its altcookie) from cookie2 and the NFIT fields alone */
	for (unsigned k = 0; k < 64; k++) {
		struct ndctl_label_iset_map m = { .region_offset = 0x9e3779b97f4a7c15ull * k,
			.serial = 0x123456u + k * 77, .vendor_id = (uint16_t)(0x8086 + k),
			.mfg_date = (uint16_t)(k * 31), .mfg_location = (uint8_t)k };
		uint64_t c1 = ndctl_label_iset_cookie(&m, 1, 1), c2 = ndctl_label_iset_cookie(&m, 1, 2);

		m.region_offset = 0;	/* not known from sysfs */
		CHECK_EQ_U64(ndctl_label_iset_cookie1_of_one(c2, &m), c1);
	}
	names = vector_names();
	for (n = names; n && *n; n++, count++)
		check_vector(*n);
	CHECK(count >= 12);
	check_no_double_read();
	check_index_signature();
	printf("%u vectors\n", count);
	free_names(names);
	rmdir(tmpdir);
	return test_done("lsa-vectors");
}
