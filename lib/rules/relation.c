/* relation.c - figures bounded by others: a part that cannot exceed the whole it is paid from.
 *
 * Unlike a sum, a bound holds whenever the printed figures allow it: a part
 * that exceeds its whole only within the rounding of the two figures may be
 * equal to it, so that is no finding (round: pass), and only an excess
 * beyond it is an error. */
#include <string.h>

#include "rules/rules.h"

static int is_money(const bl_fact *f)
{
	return f->unit && (!strcmp(f->unit, "万元") || !strcmp(f->unit, "元") || !strcmp(f->unit, "亿元"));
}

/* relation.admin_cost: 机关运行经费 is the 公用经费 of the administrative
 * units (行政单位 and 参公事业单位) paid from the 一般公共预算财政拨款基本支出,
 * so it is at most general.public of the same year and basis. Each first
 * statement of it is compared with the first statement of that 公用经费;
 * without one, nothing is said. A figure read with doubt (OCR, a table
 * rebuilt from text) turns the error into a warning in the review
 * (doubt.c), as it does for every rule of rules.def's doubt policy. */
static void admin_cost(bl_doc *doc)
{
	const bl_rule_id R = BL_R_RELATION_ADMIN_COST;
	int met = 0;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *a = &doc->facts[i];
		if (a->measure != BL_M_VALUE || strcmp(a->key, BLK_ADMIN_COST) != 0 || !is_money(a) ||
		    bl_fact_find(doc, a->key, a->measure, a->basis, a->period) != (int)i)
			continue;
		met = 1;
		int pi = bl_fact_find(doc, BLK_GENERAL_PUBLIC, BL_M_VALUE, a->basis, a->period);
		if (pi < 0 || !is_money(&doc->facts[pi])) {
			bl_outcome_count(doc, R, BL_OUT_INSUFFICIENT);
			continue;
		}
		const bl_fact *p = &doc->facts[pi];
		bl_dec cost = bl_fact_wan(a), pub = bl_fact_wan(p);
		int64_t slack = bl_dec_half_unit(cost.prec) + bl_dec_half_unit(pub.prec);
		if (cost.u - pub.u <= slack) {
			bl_outcome_count(doc, R, BL_OUT_PASS);
			continue;
		}
		bl_outcome_count(doc, R, BL_OUT_FAIL);
		bl_finding *fd = bl_finding_at_fact(doc, R, bl_rule_sev(R), a);
		fd->has_stated = fd->has_expected = 1;
		fd->stated = cost;
		fd->expected = pub;
		fd->message = bl_arena_printf(
			&doc->arena,
			"机关运行经费%s万元，大于%s中的公用经费%s万元（多%s万元）；机关运行经费是行政单位"
			"（含参公事业单位）公用经费的一部分，不应大于公用经费",
			bl_fmt(doc, cost), bl_key_label(doc, BLK_GENERAL_BASIC), bl_fmt(doc, pub),
			bl_fmt(doc, bl_dec_sub(cost, pub)));
		fd->suggestion =
			"核对机关运行经费与一般公共预算财政拨款基本支出中的公用经费，更正有误的一方。";
		bl_finding_evidence(doc, fd, p->pos, p->text);
	}
	if (!met)
		bl_outcome_count(doc, R, BL_OUT_NOT_APPLICABLE);
}

void bl_rules_relation(bl_doc *doc)
{
	admin_cost(doc);
}
