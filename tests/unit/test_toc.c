/* test_toc.c - a contents page is no part of the narrative: where it ends
 * (a page break, prose, or its first entry printed again as the body's
 * first heading), a title after a form feed, and parts whose title is a
 * line of its own without a marker (complete.sections). */
#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "harness.h"

static int first_section_line(const bl_doc *d)
{
	return bl_doc_nsections(d) ? bl_doc_section(d, 0)->pos.line : 0;
}

static int missing(bl_doc *d, const char *part)
{
	bl_doc_check(d);
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (!strcmp(f->rule, "complete.sections") && strstr(f->message, part))
			return 1;
	}
	return 0;
}

int main(void)
{
	/* the contents title after a form feed, the body on the next page */
	bl_doc *d =
		open_text("某某县某某局\n2023年度部门决算\n\f   目 录\n第一部分 某某局概况\n 一、主要职能\n"
			  "第二部分 名词解释\n\f第一部分 某某局概况\n一、主要职能\n本局负责全县某某工作。\n");
	CHECK(d && first_section_line(d) == 7, "a contents page after a form feed: first section at line %d",
	      d ? first_section_line(d) : -1);
	bl_doc_free(d);
	/* contents running over a page break, ended where its first entry comes again */
	d = open_text("某某县某某局\n2023年度部门决算\n目录\n第一部分 某某局概况\n 一、主要职能\n\f"
		      " 二、机构设置\n第二部分 名词解释\n第一部分 "
		      "某某局概况\n一、主要职能\n本局负责全县某某工作。\n");
	CHECK(d && first_section_line(d) == 8, "contents over a page: first section at line %d",
	      d ? first_section_line(d) : -1);
	CHECK(d && bl_doc_nsections(d) == 2, "only the body's headings: %zu", d ? bl_doc_nsections(d) : 0);
	bl_doc_free(d);
	/* without a repeat, the page break still ends it */
	d = open_text("某某县某某局\n2023年度部门决算\n目录\n第一部分 概况\n第二部分 名词解释\n\f"
		      "第一部分 某某局的情况\n一、主要职能\n本局负责全县某某工作。\n");
	CHECK(d && first_section_line(d) == 6, "contents ended by the page break: first section at line %d",
	      d ? first_section_line(d) : -1);
	bl_doc_free(d);

	/* a part titled by a line of its own, no marker: found; the same words in a sentence: not */
	const char *body = "某某县某某局\n2023年度部门预算公开\n一、收支预算总体情况\n收入预算80万元。\n"
			   "二、一般公共预算支出情况\n支出预算80万元。\n三、“三公”经费情况\n无。\n";
	char text[2048];
	snprintf(text, sizeof text, "%s某某县某某局主要职能\n本局负责全县某某工作。\n", body);
	d = open_text(text);
	CHECK(d && !missing(d, "职能"), "a title line of its own names the part");
	bl_doc_free(d);
	snprintf(text, sizeof text, "%s本局的主要职能是负责全县某某工作，详见网站。\n", body);
	d = open_text(text);
	CHECK(d && missing(d, "职能"), "a sentence naming the words is no title");
	bl_doc_free(d);
	DONE("toc");
}
