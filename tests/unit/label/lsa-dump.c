// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test-only tool for the guest proof of the DSM transport (not installed):
 *   lsa-dump read DEV OUT          whole area via GET_CONFIG_DATA into OUT
 *   lsa-dump json DEV              decoded state (index + in-use slots only)
 *   lsa-dump init DEV 128|256      kernel-layout init
 *   lsa-dump add DEV SLOT UUID SIZE [NAME]
 *                                  one pmem label at DPA 0 with QEMU slot SLOT's cookie
 * DEV is /dev/nmemN, or a file (the file transport), so it also runs on the host.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>

static int open_area(const char *dev, unsigned flags, struct ndctl_lsa_xport **t)
{
	int rc = strncmp(dev, "/dev/", 5) ? ndctl_lsa_file_open(NULL, dev, 0, flags, t)
					 : ndctl_lsa_dsm_open(NULL, dev, flags, t);

	if (rc < 0)
		fprintf(stderr, "lsa-dump: %s\n", *t ? ndctl_lsa_xport_errmsg(*t) : strerror(-rc));
	return rc;
}

static int fail(struct ndctl_lsa_xport *t, int rc)
{
	fprintf(stderr, "lsa-dump: %s\n", ndctl_lsa_xport_errmsg(t)[0] ? ndctl_lsa_xport_errmsg(t) : strerror(-rc));
	ndctl_lsa_xport_close(t);
	return 1;
}

static int cmd_read(struct ndctl_lsa_xport *t, const char *out)
{
	size_t size = ndctl_lsa_xport_size(t);
	uint8_t *buf = malloc(size);
	struct ndctl_lsa_counters c;
	FILE *f;
	int rc = buf ? ndctl_lsa_xport_read(t, 0, buf, size) : -ENOMEM;

	if (rc < 0)
		return fail(t, rc);
	f = fopen(out, "w");
	if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0) {
		perror(out);
		return 1;
	}
	ndctl_lsa_xport_counters(t, &c);
	printf("read %zu bytes in %llu transfers (max_xfer %u)\n", size,
		(unsigned long long)c.transfers, ndctl_lsa_xport_max_xfer(t));
	free(buf);
	ndctl_lsa_xport_close(t);
	return 0;
}

static int cmd_json(struct ndctl_lsa_xport *t)
{
	struct ndctl_lsa *lsa;
	struct json_object *j;
	int rc = ndctl_lsa_load(t, 0, &lsa);

	if (rc < 0)
		return fail(t, rc);
	j = ndctl_lsa_to_json(lsa);
	printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY));
	json_object_put(j);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	return 0;
}

static int cmd_add(struct ndctl_lsa_xport *t, char **argv, int argc)
{
	struct ndctl_label l = { .nlabel = 1, .lbasize = 512 };
	struct ndctl_lsa *lsa;
	uint32_t slot;
	int rc = ndctl_lsa_load(t, 0, &lsa);

	if (rc < 0)
		return fail(t, rc);
	if (uuid_parse(argv[1], l.uuid) < 0) {
		fprintf(stderr, "lsa-dump: bad uuid %s\n", argv[1]);
		return 1;
	}
	l.isetcookie = ndctl_label_qemu_cookie((unsigned)atoi(argv[0]), 0, ndctl_lsa_version_minor(lsa));
	l.rawsize = strtoull(argv[2], NULL, 0);
	if (argc > 3)
		snprintf(l.name, sizeof(l.name), "%s", argv[3]);
	uuid_parse(NDCTL_LABEL_GUID_PMEM, l.type_guid);
	rc = ndctl_lsa_add(lsa, t, &l, &slot);
	ndctl_lsa_free(lsa);
	if (rc < 0)
		return fail(t, rc);
	printf("label in slot %u, cookie %#llx\n", slot, (unsigned long long)l.isetcookie);
	ndctl_lsa_xport_close(t);
	return 0;
}

int main(int argc, char **argv)
{
	struct ndctl_lsa_xport *t = NULL;
	bool write = argc > 1 && (!strcmp(argv[1], "init") || !strcmp(argv[1], "add"));
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: lsa-dump read|json|init|add DEV [ARGS]\n");
		return 1;
	}
	if (open_area(argv[2], write ? NDCTL_LSA_WRITABLE : 0, &t) < 0)
		return 1;
	if (!strcmp(argv[1], "read") && argc == 4)
		return cmd_read(t, argv[3]);
	if (!strcmp(argv[1], "json"))
		return cmd_json(t);
	if (!strcmp(argv[1], "init") && argc == 4) {
		rc = ndctl_lsa_init(t, (unsigned)atoi(argv[3]), NULL);
		if (rc < 0)
			return fail(t, rc);
		ndctl_lsa_xport_close(t);
		return 0;
	}
	if (!strcmp(argv[1], "add") && argc >= 6)
		return cmd_add(t, argv + 3, argc - 3);
	fprintf(stderr, "lsa-dump: bad arguments for %s\n", argv[1]);
	ndctl_lsa_xport_close(t);
	return 1;
}
