/* render.h - from figures to the standard narrative (情况说明). Include after budgetlint.h.
 *
 * The input is a set of facts in the shape `budgetlint extract` writes
 * (key, measure, basis, period, exact decimal value, unit) plus free text
 * (duties, reasons, notes), read from a facts JSON file or taken from an
 * opened document (an XLSX of the standard tables, or a disclosure). The
 * output is the 情况说明 of the official template for a budget or a final
 * account: every figure stated in the input is printed as stated, every
 * figure the template needs and the input does not state (a change from two
 * years, a percent, a share) is computed exactly and rounded once, and a
 * reason the template requires but the input lacks is a marked gap, never
 * invented text. */
#ifndef BUDGETLINT_RENDER_H
#define BUDGETLINT_RENDER_H

typedef struct bl_rinput bl_rinput;

/* Reads a facts file: {"documents": [...]} as extract writes it, or one
 * document object. index picks the document when the file holds several
 * (0-based); -1 requires exactly one. Values are decimal strings (a JSON
 * integer is accepted); 元 amounts are converted to 万元 exactly. */
BL_API bl_status bl_rinput_json(const char *name, const char *bytes, size_t n, int index, bl_rinput **out,
				bl_diag *diag);

/* The same from a file; *ndocs (when not NULL) is how many documents the
 * file holds, 1 for a single document object, 0 when it is not JSON. */
BL_API bl_status bl_rinput_json_file(const char *path, int index, bl_rinput **out, int *ndocs, bl_diag *diag);

/* The facts of an opened document: its standard tables' keyed cells (an
 * XLSX exported by a budget system), its narrative facts where no table
 * states the same figure, its profile and its section order. */
BL_API bl_status bl_rinput_doc(bl_doc *doc, bl_rinput **out, bl_diag *diag);

/* Adds another input's texts and the facts this one lacks (hand-written
 * reasons for an XLSX, say). */
BL_API void bl_rinput_merge(bl_rinput *in, const bl_rinput *more);

/* Adds last year's values from the previous year's input, for changes.
 * Fails when prev is not the year before. */
BL_API bl_status bl_rinput_prev(bl_rinput *in, const bl_rinput *prev, bl_diag *diag);

BL_API void bl_rinput_free(bl_rinput *in);

BL_API int bl_rinput_year(const bl_rinput *in);
BL_API bl_kind bl_rinput_kind(const bl_rinput *in);
BL_API const char *bl_rinput_unit(const bl_rinput *in);

typedef struct bl_render_opts {
	bl_kind kind;   /* BL_KIND_UNKNOWN: the input's */
	int reason_pct; /* a change of at least this percent needs a reason; default 10 */
	int draft;      /* watermark the output as a draft */
} bl_render_opts;

/* Something render could not write from the input: a required reason or
 * figure missing (a gap in the text), or an input fact with no place in
 * the template. */
typedef struct bl_render_note {
	bl_severity severity; /* warning: a gap; info: a fact left out */
	const char *rule;     /* "render.gap", "render.unused" */
	const char *message;
} bl_render_note;

typedef struct bl_narrative bl_narrative;

/* Renders the narrative; NULL only when the input has no year or kind. */
BL_API bl_narrative *bl_render(const bl_rinput *in, const bl_render_opts *opts, bl_diag *diag);
BL_API void bl_narrative_free(bl_narrative *n);

BL_API size_t bl_narrative_nnotes(const bl_narrative *n);
BL_API const bl_render_note *bl_narrative_note(const bl_narrative *n, size_t i);

typedef enum bl_rformat { BL_RENDER_TEXT, BL_RENDER_HTML, BL_RENDER_DOCX } bl_rformat;

/* Writes the narrative; *out is malloc'd (the caller frees it). No check:
 * to publish, use bl_render_write. */
BL_API bl_status bl_narrative_write(const bl_narrative *n, bl_rformat fmt, char **out, size_t *len,
				    bl_diag *diag);

/* --- the gate: a narrative is written only when its figures agree --- */

typedef struct bl_render_write_opts {
	bl_rformat format; /* what to write when the gate lets it through */
	const char *name;  /* the narrative's name in its findings' positions; NULL: "(生成稿)" */
	bl_doc *source;    /* the input document (bl_rinput_doc), NULL for a facts file: its own
			    * figures gate too; it is checked unless it was; it must outlive the gate */
} bl_render_write_opts;

/* The gate's verdict. Zero it with BL_RENDER_GATE_INIT; bl_render_gate_release frees it. */
typedef struct bl_render_gate {
	bl_doc *narrative;           /* the narrative as text, read back and checked (owned) */
	size_t errors;               /* error-level findings in narrative */
	size_t source_errors;        /* error-level findings of the figure rules (families arith,
				      * change, table, crosstable) in opts->source */
	const bl_finding **blocking; /* those findings: the source's (source_errors) first, then the
				      * narrative's (errors); nblocking = source_errors + errors */
	size_t nblocking;
	int refused; /* blocking findings and n is not a draft: nothing written */
} bl_render_gate;
#define BL_RENDER_GATE_INIT                                                                                  \
	{                                                                                                    \
		NULL, 0, 0, NULL, 0, 0                                                                       \
	}

/* The render gate, as `budgetlint render` applies it: the narrative is
 * written as text, read back and checked like any disclosure, and
 * opts->source is checked. With no blocking finding, or when n is a draft
 * (bl_render_opts.draft: its text is watermarked), the narrative is written
 * in opts->format into *out (malloc'd, the caller frees it); else the gate
 * refuses it: *out is NULL and gate->refused is 1. Returns BL_OK when the
 * gate ran, whether it refused or not; an error with diag filled when the
 * narrative could not be read back (gate->narrative is NULL) or not be
 * written (the verdict is filled). Release gate in every case. opts NULL:
 * text, named "(生成稿)", no source. */
BL_API bl_status bl_render_write(const bl_narrative *n, const bl_render_write_opts *opts, char **out,
				 size_t *len, bl_render_gate *gate, bl_diag *diag);
BL_API void bl_render_gate_release(bl_render_gate *gate);

#endif
