/* gate.c - the render gate: a narrative is written only when its own
 * figures, read back from its text, and those of the input document agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rmodel.h"

/* Rules that judge figures (not wording, completeness or reading): the
 * BL_RF_GATES_RENDER flag of rules.def. */
static int figure_rule(const char *id)
{
	const bl_rule_info *r = bl_rule_find(id);
	return r && (r->flags & BL_RF_GATES_RENDER);
}

/* Appends d's error-level findings (of figure rules only, when asked) to
 * gate->blocking; returns how many. */
static size_t add_errors(bl_render_gate *gate, size_t *cap, const bl_doc *d, int figures_only)
{
	size_t k = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (f->severity != BL_SEV_ERROR || (figures_only && !figure_rule(f->rule)))
			continue;
		*BL_PUSH(gate->blocking, gate->nblocking, *cap) = f;
		k++;
	}
	return k;
}

BL_API bl_status bl_render_write(const bl_narrative *n, const bl_render_write_opts *opts, char **out,
				 size_t *len, bl_render_gate *gate, bl_diag *diag)
{
	char *text = NULL;
	size_t tn = 0, cap = 0;
	bl_diag back = {0};
	const bl_render_write_opts plain = {BL_RENDER_TEXT, NULL, NULL};
	if (!opts)
		opts = &plain;
	*out = NULL;
	*len = 0;
	*gate = (bl_render_gate)BL_RENDER_GATE_INIT;
	bl_status st = bl_narrative_write(n, BL_RENDER_TEXT, &text, &tn, diag);
	if (st != BL_OK)
		return st;
	st = bl_doc_open_mem(opts->name ? opts->name : "(生成稿)", text, tn, &gate->narrative, &back);
	free(text);
	if (st != BL_OK) {
		bl_diag_set(diag, st, back.err, back.path, "cannot read the narrative back: %s", back.msg);
		return st;
	}
	bl_doc_check(gate->narrative);
	if (opts->source) {
		bl_doc_check(opts->source);
		gate->source_errors = add_errors(gate, &cap, opts->source, 1);
	}
	gate->errors = add_errors(gate, &cap, gate->narrative, 0);
	gate->refused = gate->nblocking && !n->draft;
	if (gate->refused)
		return BL_OK;
	return bl_narrative_write(n, opts->format, out, len, diag);
}

BL_API void bl_render_gate_release(bl_render_gate *gate)
{
	if (!gate)
		return;
	bl_doc_free(gate->narrative);
	free(gate->blocking);
	*gate = (bl_render_gate)BL_RENDER_GATE_INIT;
}
