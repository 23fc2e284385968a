/* template.h - the disclosure templates (one data file each in lib/rules/templates/) and which one a document follows. Include via budgetlint.h. */
#ifndef BUDGETLINT_TEMPLATE_H
#define BUDGETLINT_TEMPLATE_H

/* The level of government a template is for. */
typedef enum bl_region_level {
	BL_REGION_ANY,      /* a template for every level; a unit whose level is not known */
	BL_REGION_PROVINCE, /* 省级: 江苏省…厅, 中共江苏省委… */
	BL_REGION_CITY,     /* 市级, and a 直辖市's own departments (上海市财政局) */
	BL_REGION_DISTRICT  /* 区县级: 上海市普陀区…, 重庆市开州区… */
} bl_region_level;

/* A part of the narrative a template requires: its name as the template
 * gives it, and the heading words that show it ("|"-separated, any one). */
typedef struct bl_template_section {
	const char *name;
	const char *words;
} bl_template_section;

/* A table a template requires, by its number and title; kind is the
 * table's kind as bl_table_kind_name names it ("summary", ...), "other"
 * for a table the table reader does not type. */
typedef struct bl_template_table {
	int number;
	const char *title;
	const char *kind;
} bl_template_table;

/* One template: a row of what `budgetlint templates` lists. Static storage. */
typedef struct bl_template_info {
	const char *id;     /* stable ASCII, "jiangsu-province-2017-budget" */
	const char *name;   /* Chinese */
	const char *file;   /* its data file, "lib/rules/templates/….def" */
	const char *region; /* the region as a unit's name starts with it, "江苏省";
			     * "" for the national template (every region) */
	bl_region_level region_level;
	int year_from, year_to; /* the report years it applies to; 0: open */
	bl_kind kind;
	bl_level level;           /* BL_LEVEL_UNKNOWN: 部门 and 单位 alike */
	int national;             /* 1: the 财政部 template, the default when no region's matches */
	const char *assets_date;  /* 国有资产 figures as at, "上年12月31日" ("" none said) */
	const char *compare_base; /* the previous-year figure a budget's changes compare
				   * with, "上年预算数" ("" none said) */
	const char *empty_words;  /* how it words an empty table, "|"-separated */
	const char *evidence;     /* where its content comes from */
	size_t nsections;
	const bl_template_section *sections;
	size_t ntables;
	const bl_template_table *tables;
	size_t nsums;
	const char *const *sums; /* its sum equations in words, "支出 = 基本支出 + 项目支出 + …" */
} bl_template_info;

BL_API size_t bl_template_count(void);
BL_API const bl_template_info *bl_template_at(size_t i); /* NULL past the end */

/* The template a document of this identification follows: the one of its
 * region (bl_region_of its unit), level, year and kind, else the national
 * one, and then *assumed (when not NULL) is 1: the template was not
 * recognised, and rules resting on it report at warning at most. NULL when
 * p is NULL or its kind is unknown. */
BL_API const bl_template_info *bl_template_for(const bl_profile *p, int *assumed);

/* The region a unit's name starts with ("江苏省" for 中共江苏省委办公厅) among
 * the templates' regions, and its level in *level (when not NULL); "" and
 * BL_REGION_ANY when none. Static storage. */
BL_API const char *bl_region_of(const char *unit, bl_region_level *level);

/* "any", "province", "city", "district". */
BL_API const char *bl_region_level_name(bl_region_level l);

#endif
