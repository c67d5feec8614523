// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * The QEMU command-line parser: enough of QEMU's own rules to find the
 * options that define memory devices in a line a user pasted, and to skip
 * every other option together with its value.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "util/size.h"
#include "qemu-args.h"
#include "qemu-json.h"

struct tokens {
	char **v;
	int n, cap;
};

static void tokens_push(struct tokens *t, const char *s, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = realloc(t->v, t->cap * sizeof(*t->v));
		if (!t->v)
			abort();
	}
	t->v[t->n] = strndup(s, len);
	if (!t->v[t->n])
		abort();
	t->n++;
}

/* Words of a pasted line: blank-separated, outer quotes dropped, "\" lines joined. */
static void split_words(struct tokens *t, const char *s)
{
	while (*s) {
		const char *start;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (*s == '\'' || *s == '"') {
			char q = *s++;

			start = s;
			while (*s && *s != q)
				s++;
			tokens_push(t, start, s - start);
			if (*s)
				s++;
			continue;
		}
		start = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (!(s - start == 1 && *start == '\\'))
			tokens_push(t, start, s - start);
	}
}

/* "LC_ALL=C": the environment `virsh domxml-to-native` prints before the program. */
static bool is_env_assignment(const char *s, size_t len)
{
	size_t name = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");

	return name && name < len && s[name] == '=' && !isdigit((unsigned char)s[0]);
}

/*
 * A pasted line arrives as one element with blanks; an option's value with
 * blanks (-append "console=ttyS0 quiet") must stay whole. Lines start with
 * an option, the program's name, or environment assignments.
 */
static bool has_blank(const char *s)
{
	for (; *s; s++)
		if (isspace((unsigned char)*s))
			return true;
	return false;
}

static bool is_pasted_line(const char *s)
{
	size_t len;

	if (!has_blank(s))
		return false;
	/* the first word, measured after the blanks before it (isspace's set: \f, \v too) */
	while (isspace((unsigned char)*s))
		s++;
	for (len = 0; s[len] && !isspace((unsigned char)s[len]); len++)
		;
	return *s == '-' || memmem(s, len, "qemu", 4) != NULL || is_env_assignment(s, len);
}

static struct tokens tokenize(int argc, char **argv, bool exact)
{
	struct tokens t = { 0 };

	for (int i = 0; i < argc; i++) {
		if (exact)
			tokens_push(&t, argv[i], strlen(argv[i]));
		else if (is_pasted_line(argv[i]))
			split_words(&t, argv[i]);
		else if (strcmp(argv[i], "\\") != 0)
			tokens_push(&t, argv[i], strlen(argv[i]));
	}
	return t;
}

enum opt_arity { OPT_UNKNOWN, OPT_NOARG, OPT_ARG, OPT_MODELLED };

/* QEMU options that take no value, so a following word is not theirs. */
static const char *const noarg_opts[] = {
	"nodefaults", "no-reboot", "no-shutdown", "nographic", "S", "s",
	"snapshot", "enable-kvm", "daemonize", "no-hpet", "no-acpi",
	"full-screen", "mem-prealloc", "no-user-config", "curses",
	"preconfig", "only-migratable", "enable-sync-profile", "win2k-hack",
	"no-fd-bootchk", "alt-grab", "ctrl-grab", "no-quit", "no-frame",
	"help", "h", "version", "semihosting", "old-param",
};

/* Options with a value; unknown ones take the next word if it is not an option. */
static const char *const arg_opts[] = {
	"accel", "cpu", "smp", "kernel", "initrd", "append", "drive", "netdev",
	"net", "nic", "chardev", "serial", "monitor", "qmp", "qmp-pretty",
	"display", "vga", "boot", "name", "uuid", "bios", "L", "numa", "global",
	"cdrom", "hda", "hdb", "hdc", "hdd", "fda", "fdb", "mem-path", "rtc",
	"incoming", "pidfile", "D", "d", "trace", "k", "vnc", "spice", "audiodev",
	"fsdev", "virtfs", "blockdev", "smbios", "acpitable", "option-rom",
	"runas", "chroot", "sandbox", "msg", "loadvm", "icount", "action",
	"add-fd", "readconfig", "writeconfig", "semihosting-config", "mon",
	"debugcon", "parallel", "tpmdev", "compat", "overcommit", "sd", "pflash",
	"mtdblock", "fw_cfg", "plugin", "seed", "gdb", "echr", "usbdevice",
	"watchdog-action", "iscsi", "dtb", "run-with", "xen-domid", "virtioconsole",
};

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

static enum opt_arity option_arity(const char *name)
{
	static const char *const modelled[] = { "machine", "M", "m", "object", "device" };

	if (in_list(name, modelled, ARRAY_SIZE(modelled)))
		return OPT_MODELLED;
	if (in_list(name, noarg_opts, ARRAY_SIZE(noarg_opts)))
		return OPT_NOARG;
	if (in_list(name, arg_opts, ARRAY_SIZE(arg_opts)))
		return OPT_ARG;
	return OPT_UNKNOWN;
}

static const char *implied_key(const char *name)
{
	if (strcmp(name, "machine") == 0 || strcmp(name, "M") == 0)
		return "type";
	if (strcmp(name, "m") == 0)
		return "size";
	if (strcmp(name, "object") == 0)
		return "qom-type";
	return "driver";
}

struct qemu_option *qemu_config_add(struct qemu_config *cfg, const char *flag,
		const char *text)
{
	static const char *const flags[] = { "machine", "m", "object", "device" };
	struct qemu_option *opt;

	cfg->opts = realloc(cfg->opts, (cfg->nopts + 1) * sizeof(*cfg->opts));
	if (!cfg->opts)
		abort();
	opt = &cfg->opts[cfg->nopts++];
	memset(opt, 0, sizeof(*opt));
	opt->flag = flags[ARRAY_SIZE(flags) - 1];
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (strcmp(flag, flags[i]) == 0)
			opt->flag = flags[i];
	opt->text = strdup(text);
	if (!opt->text)
		abort();
	return opt;
}

static void add_option(struct qemu_config *cfg, const char *name, const char *arg,
		struct findings *f)
{
	const char *flag = strcmp(name, "M") == 0 ? "machine" : name;
	struct qemu_option *opt;
	char *text;

	if (asprintf(&text, "-%s %s", flag, arg) < 0)
		abort();
	opt = qemu_config_add(cfg, flag, text);
	free(text);
	if (arg[0] == '{')
		qemu_opt_parse_json(opt, arg, f);
	else
		qemu_opt_parse_kv(opt, arg, implied_key(name));
}

/* Walk the words, keep the modelled options, skip the rest with their values. */
static void collect_options(struct qemu_config *cfg, struct tokens *t, struct findings *f)
{
	int i = 0;

	if (t->n && t->v[0][0] != '-')
		i = 1;	/* the program's name */
	for (; i < t->n; i++) {
		const char *w = t->v[i], *name;
		bool has_next = i + 1 < t->n;

		if (w[0] != '-' || !w[1])
			continue;	/* a disk image given without an option */
		name = w + (w[1] == '-' ? 2 : 1);
		switch (option_arity(name)) {
		case OPT_MODELLED:
			if (!has_next) {
				finding_add(f, SEV_ERROR, "syntax", w,
					"the option has no value; give it one, e.g. %s ID=...", w);
				break;
			}
			add_option(cfg, name, t->v[++i], f);
			break;
		case OPT_ARG:
			i += has_next;
			break;
		case OPT_UNKNOWN:
			if (has_next && t->v[i + 1][0] != '-')
				i++;
			break;
		case OPT_NOARG:
			cfg->no_acpi |= strcmp(name, "no-acpi") == 0;
			break;
		}
	}
}

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "on", "yes", "true", "y" };
	static const char *const no[] = { "off", "no", "false", "n" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = true, 0;
		if (strcasecmp(s, no[i]) == 0)
			return *out = false, 0;
	}
	return -1;
}

/* A boolean property; a bad value is a finding and reads as @dflt. */
static bool opt_bool(const struct qemu_option *opt, const char *key, bool dflt,
		struct findings *f)
{
	const char *v = qemu_opt_get(opt, key);
	bool b = dflt;

	if (v && parse_bool(v, &b) < 0)
		finding_add(f, SEV_ERROR, "syntax", opt->text,
			"%s=%s is not a boolean; write %s=on or %s=off", key, v, key, key);
	return b;
}

/* A size property ("2M", "0x1000", bytes); 0 when absent or bad. */
static uint64_t opt_size(const struct qemu_option *opt, const char *key,
		struct findings *f)
{
	const char *v = qemu_opt_get(opt, key);
	uint64_t size = 0;

	if (v && parse_size(v, &size) < 0) {
		finding_add(f, SEV_ERROR, "syntax", opt->text,
			"%s=%s is not a size; write e.g. %s=1G", key, v, key);
		size = 0;
	}
	return size;
}

/* A plain number property; -1 when absent or bad. */
static long opt_number(const struct qemu_option *opt, const char *key, struct findings *f)
{
	const char *v = qemu_opt_get(opt, key);
	char *end;
	long n;

	if (!v)
		return -1;
	n = strtol(v, &end, 0);
	if (*end || end == v || n < 0) {
		finding_add(f, SEV_ERROR, "syntax", opt->text,
			"%s=%s is not a number; write e.g. %s=0", key, v, key);
		return -1;
	}
	return n;
}

/* -m takes a bare number as MiB, unlike every other size in QEMU. */
static uint64_t ram_size_value(const struct qemu_option *opt, struct findings *f)
{
	const char *v = qemu_opt_get(opt, "size");
	size_t len = v ? strlen(v) : 0;

	if (len && strspn(v, "0123456789") == len) {
		uint64_t mib = strtoull(v, NULL, 10);

		return mib << 20;
	}
	return opt_size(opt, "size", f);
}

static void model_machine(struct qemu_config *cfg, struct findings *f)
{
	const char *type = qemu_opt_get(cfg->machine_opt, "type");

	const char *acpi = qemu_opt_get(cfg->machine_opt, "acpi");

	cfg->machine_type = type ? type : "pc";
	cfg->nvdimm_on = opt_bool(cfg->machine_opt, "nvdimm", false, f);
	cfg->no_acpi |= acpi && strcmp(acpi, "off") == 0;
}

static void model_memory(struct qemu_config *cfg, struct findings *f)
{
	long slots;

	cfg->ram_size = 128ULL << 20;	/* QEMU's default -m */
	if (!cfg->m_opt)
		return;
	if (qemu_opt_get(cfg->m_opt, "size"))
		cfg->ram_size = ram_size_value(cfg->m_opt, f);
	cfg->maxmem = opt_size(cfg->m_opt, "maxmem", f);
	slots = opt_number(cfg->m_opt, "slots", f);
	cfg->slots = slots > 0 ? (unsigned)slots : 0;
}

static bool backend_kind(const char *qom_type, enum backend_kind *kind)
{
	if (!qom_type)
		return false;
	if (strcmp(qom_type, "memory-backend-file") == 0)
		*kind = BACKEND_FILE;
	else if (strcmp(qom_type, "memory-backend-ram") == 0)
		*kind = BACKEND_RAM;
	else if (strcmp(qom_type, "memory-backend-memfd") == 0)
		*kind = BACKEND_MEMFD;
	else
		return false;
	return true;
}

static void model_backend(struct qemu_config *cfg, const struct qemu_option *opt,
		enum backend_kind kind, struct findings *f)
{
	struct qemu_backend *b = &cfg->backends[cfg->nbackends++];
	const char *share = qemu_opt_get(opt, "share");

	memset(b, 0, sizeof(*b));
	b->opt = opt;
	b->kind = kind;
	b->id = qemu_opt_get(opt, "id");
	b->size = opt_size(opt, "size", f);
	b->mem_path = qemu_opt_get(opt, "mem-path");
	b->share = share ? opt_bool(opt, "share", false, f) : -1;
	b->align = opt_size(opt, "align", f);
	b->pmem = opt_bool(opt, "pmem", false, f);
	b->readonly = opt_bool(opt, "readonly", false, f);
}

static struct qemu_backend *find_backend(struct qemu_config *cfg, const char *id)
{
	for (int i = 0; id && i < cfg->nbackends; i++)
		if (cfg->backends[i].id && strcmp(cfg->backends[i].id, id) == 0)
			return &cfg->backends[i];
	return NULL;
}

static void model_memdev(struct qemu_config *cfg, const struct qemu_option *opt,
		bool nvdimm, struct findings *f)
{
	struct qemu_memdev *d = &cfg->memdevs[cfg->nmemdevs++];

	memset(d, 0, sizeof(*d));
	d->opt = opt;
	d->nvdimm = nvdimm;
	d->id = qemu_opt_get(opt, "id");
	d->memdev = qemu_opt_get(opt, "memdev");
	d->backend = find_backend(cfg, d->memdev);
	if (d->backend)
		d->backend->users++;
	d->label_size = opt_size(opt, "label-size", f);
	d->addr_set = qemu_opt_get(opt, "addr") != NULL;
	d->addr = opt_size(opt, "addr", f);
	d->unarmed = opt_bool(opt, "unarmed", false, f);
	d->slot = opt_number(opt, "slot", f);
}

/*
 * Backends first: QEMU creates every -object before it realizes devices,
 * so a -device may name a backend that comes later on the line.
 */
static void model_objects_and_devices(struct qemu_config *cfg, struct findings *f)
{
	cfg->backends = calloc(cfg->nopts + 1, sizeof(*cfg->backends));
	cfg->memdevs = calloc(cfg->nopts + 1, sizeof(*cfg->memdevs));
	if (!cfg->backends || !cfg->memdevs)
		abort();
	for (int i = 0; i < cfg->nopts; i++) {
		const struct qemu_option *opt = &cfg->opts[i];
		enum backend_kind kind;

		if (backend_kind(qemu_opt_get(opt, "qom-type"), &kind))
			model_backend(cfg, opt, kind, f);
	}
	for (int i = 0; i < cfg->nopts; i++) {
		const char *driver = qemu_opt_get(&cfg->opts[i], "driver");

		if (!driver)
			continue;
		if (strcmp(driver, "nvdimm") == 0 || strcmp(driver, "pc-dimm") == 0)
			model_memdev(cfg, &cfg->opts[i], driver[0] == 'n', f);
	}
}

static void collect_words(struct qemu_config *cfg, int argc, char **argv, bool exact,
		struct findings *f)
{
	struct tokens t = tokenize(argc, argv, exact);

	memset(cfg, 0, sizeof(*cfg));
	collect_options(cfg, &t, f);
	for (int i = 0; i < t.n; i++)
		free(t.v[i]);
	free(t.v);
}

void qemu_config_parse(struct qemu_config *cfg, int argc, char **argv,
		struct findings *f)
{
	collect_words(cfg, argc, argv, false, f);
	qemu_config_model(cfg, f);
}

void qemu_config_collect_exact(struct qemu_config *cfg, int argc, char **argv,
		struct findings *f)
{
	collect_words(cfg, argc, argv, true, f);
}

void qemu_config_model(struct qemu_config *cfg, struct findings *f)
{
	/* Several -machine options merge into one; the last -m wins. */
	for (int i = 0; i < cfg->nopts; i++) {
		struct qemu_option *opt = &cfg->opts[i];

		if (strcmp(opt->flag, "machine") == 0) {
			if (!cfg->machine_opt)
				cfg->machine_opt = opt;
			else
				for (int k = 0; k < opt->nkv; k++)
					qemu_opt_set(cfg->machine_opt, opt->kv[k].key,
						opt->kv[k].value);
		} else if (strcmp(opt->flag, "m") == 0) {
			cfg->m_opt = opt;
		}
	}
	model_machine(cfg, f);
	model_memory(cfg, f);
	model_objects_and_devices(cfg, f);
}

bool qemu_machine_is_q35(const struct qemu_config *cfg)
{
	return strstr(cfg->machine_type, "q35") != NULL;
}

void qemu_config_free(struct qemu_config *cfg)
{
	for (int i = 0; i < cfg->nopts; i++)
		qemu_opt_free(&cfg->opts[i]);
	free(cfg->opts);
	free(cfg->backends);
	free(cfg->memdevs);
	memset(cfg, 0, sizeof(*cfg));
}
