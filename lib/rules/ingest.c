/* ingest.c - what reading the file itself showed: pages whose text layer is
 * missing (a scan) or garbage (glyphs without a Unicode mapping). Their text
 * is left out of every other rule, so the reader must be told. */
#include "rules/rules.h"

void bl_rules_ingest(bl_doc *doc)
{
	const bl_geom *g = doc->geom;
	if (!g) {
		bl_outcome_count(doc, BL_R_INGEST_TEXT_LAYER, BL_OUT_NOT_APPLICABLE);
		return;
	}
	for (int p = 0; p < g->npages; p++) {
		const bl_pageinfo *pi = &g->pages[p];
		bl_outcome_count(doc, BL_R_INGEST_TEXT_LAYER,
				 pi->state == BL_PAGE_OK ? BL_OUT_PASS : BL_OUT_FAIL);
		if (pi->state == BL_PAGE_OK)
			continue;
		bl_finding *fd =
			bl_finding_add(doc, BL_R_INGEST_TEXT_LAYER, bl_rule_sev(BL_R_INGEST_TEXT_LAYER),
				       bl_page_start(doc, p + 1), 1);
		if (pi->state == BL_PAGE_NOTEXT) {
			fd->message = bl_arena_printf(
				&doc->arena, "第%d页是扫描图像，没有文字层，本页内容未参与核对", p + 1);
			fd->suggestion = "需人工复核本页，或提供带文字层的 PDF。";
		} else {
			fd->message = bl_arena_printf(&doc->arena,
						      "第%d页文字层无法识别（%d个字符中%"
						      "d个为未映射或乱码字形），本页内容未参与核对",
						      p + 1, pi->nchars, pi->nbad);
			fd->suggestion = "请重新导出 PDF（嵌入字体并保留 ToUnicode 映射），或人工复核本页。";
		}
	}
}

/* Share of pages whose text could not be read, in percent. */
int bl_unreadable_pct(const bl_doc *doc)
{
	const bl_geom *g = doc->geom;
	if (!g || g->npages == 0)
		return 0;
	int bad = 0;
	for (int p = 0; p < g->npages; p++)
		bad += g->pages[p].state != BL_PAGE_OK;
	return bad * 100 / g->npages;
}
