/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_FINDINGS_H
#define NDKIT_QEMU_FINDINGS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum severity { SEV_WARNING, SEV_ERROR };

/* One problem in a QEMU command line: which rule, which option, what to do. */
struct finding {
	enum severity sev;
	const char *id;		/* the rule's id, e.g. "label-size-min" */
	char *option;		/* the option as written, e.g. "-device nvdimm,id=nv0" */
	char *message;		/* the problem and the fix */
	bool libvirt_refuses;	/* libvirt itself rejects the domain for it */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

void finding_add(struct findings *f, enum severity sev, const char *id,
		const char *option, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Append " @text" to a finding's message (a hint for another spelling). */
void finding_append(struct finding *it, const char *text);
bool findings_have_error(const struct findings *f);
bool findings_have_id(const struct findings *f, const char *id);
void findings_print_text(const struct findings *f, FILE *out);
void findings_print_json(const struct findings *f, FILE *out);
void findings_free(struct findings *f);

#endif
