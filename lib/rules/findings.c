/* findings.c - what the rules report: findings with their evidence, and per rule how often each outcome happened. */
#include <string.h>

#include "rules/rules.h"

void bl_outcome_count(bl_doc *doc, bl_rule_id rule, bl_outcome o)
{
	if (doc->outcomes)
		doc->outcomes[(size_t)rule * 4 + (size_t)o]++;
}

bl_finding *bl_finding_add(bl_doc *doc, bl_rule_id rule, bl_severity sev, bl_pos pos, int span)
{
	bl_finding *f = BL_PUSH(doc->findings, doc->nfindings, doc->findings_cap);
	memset(f, 0, sizeof *f);
	f->rule = bl_rule_name(rule);
	f->rule_index = (size_t)rule;
	f->severity = sev;
	f->pos = pos;
	f->span = span > 0 ? span : 1;
	f->message = f->suggestion = "";
	return f;
}

void bl_finding_evidence(bl_doc *doc, bl_finding *f, bl_pos pos, bl_str text)
{
	if (f->nevidence >= BL_MAX_EVIDENCE)
		return;
	char *own = bl_arena_strndup(&doc->arena, text.p ? text.p : "", text.p ? text.n : 0);
	f->evidence[f->nevidence].pos = pos;
	f->evidence[f->nevidence].text = (bl_str){own, text.p ? text.n : 0};
	f->nevidence++;
}

bl_finding *bl_finding_at_fact(bl_doc *doc, bl_rule_id rule, bl_severity sev, const bl_fact *f)
{
	int span = (int)bl_utf8_count(f->figure.p, f->figure.n);
	bl_finding *fd = bl_finding_add(doc, rule, sev, f->pos, span);
	bl_finding_evidence(doc, fd, f->pos, f->text);
	return fd;
}

/* Whole-line evidence, at most: a title line is short (82 bytes at most in
 * the corpus), but a text of one paragraph is one line, and the evidence is
 * copied and printed for every finding that gives it. */
#define LINE_EVIDENCE 1024

bl_str bl_line_evidence(const bl_doc *doc, int line)
{
	bl_str s = bl_doc_line(doc, line);
	if (s.n > LINE_EVIDENCE) {
		size_t k = LINE_EVIDENCE;
		while (k > 0 && ((unsigned char)s.p[k] & 0xC0) == 0x80)
			k--; /* not inside a character */
		s.n = k;
	}
	return s;
}

/* Lines are in page order (text.c counts pages forward), so the search is
 * binary: a document of many unreadable pages asks once per page. */
bl_pos bl_page_start(const bl_doc *doc, int p)
{
	size_t lo = 0, hi = doc->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->lines[mid].page < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->nlines && doc->lines[lo].page == p)
		return (bl_pos){p, (int)lo + 1, 1};
	return (bl_pos){1, 1, 1};
}

BL_API size_t bl_doc_nfindings(const bl_doc *doc)
{
	return doc->nfindings;
}

BL_API const bl_finding *bl_doc_finding(const bl_doc *doc, size_t i)
{
	return i < doc->nfindings ? &doc->findings[i] : NULL;
}

BL_API int bl_doc_outcomes(const bl_doc *doc, size_t rule, bl_outcome o)
{
	if (!doc->outcomes || rule >= BL_R_COUNT)
		return 0;
	return doc->outcomes[rule * 4 + (int)o];
}

BL_API const char *bl_outcome_name(bl_outcome o)
{
	static const char *const n[] = {"pass", "fail", "not_applicable", "insufficient_data"};
	return (unsigned)o < 4 ? n[o] : "pass";
}
