/* templates.h - the templates as the rules read them: the one a document follows, and its sum equations.
 *
 * One data file per template in lib/rules/templates/ (the row format is in
 * templates.c and docs/templates.md); make lists them in
 * lib/rules/templates/index.h (tools/gentemplates.sh), so a template is
 * added by adding its file. The public side (`budgetlint templates`, the
 * choice for a profile) is include/budgetlint/template.h. */
#ifndef BL_TEMPLATES_H
#define BL_TEMPLATES_H

#include "rules/sums.h"

typedef struct bl_template bl_template;

/* The template a document of profile p follows, or NULL (p NULL or its kind
 * unknown); *assumed is 1 when it is the national fallback. */
const bl_template *bl_template_pick(const bl_profile *p, int *assumed);
const bl_template_info *bl_template_info_of(const bl_template *t);
/* Its sum equations: the default set edited by the template's rows; when
 * assumed, the same marked assumed (its closed rows then count as open).
 * Static, never freed. */
const bl_sumset *bl_template_sums(const bl_template *t, int assumed);
/* What a finding resting on template t says of it, "（按江苏省省级部门预算公开模板（2017–2018年度））",
 * and for an assumed one that it was assumed. Static storage. */
const char *bl_template_note(const bl_template *t, int assumed);
/* sev as a rule resting on an assumed template may report it: at warning at most. */
bl_severity bl_template_sev(bl_severity sev, int assumed);

#endif
