//! The brief's words: one table of templates per language and one number formatter per
//! language, so that every sentence of the brief is a template filled with formatted numbers
//! and names from the data, and nothing else.
//!
//! Conventions (decided here, once):
//! - Scores and score differences have one decimal, as the widget shows them. In Chinese a
//!   score and a difference of scores take 分 (`26.2分`, `低39.1分`); in English a difference
//!   takes `points` and a score stands bare.
//! - A difference of two percentages (growth rates, an indicator measured in percent) is
//!   `N个百分点` / `N percentage points`, never `N%`.
//! - Ranks are `第7位` / `7th`; counts `7个` / `7`.
//! - Chinese text uses full-width punctuation (，。（）；：、) and no spaces around numbers;
//!   a range of years is `2011—2023年`.

use yardstick::analysis::progress::Class;

use crate::args::Lang;
use crate::html::decimal;

/// A number with what it measures, which decides how each language writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An index or node score.
    Score(f64),
    /// A difference of scores (always written as its absolute value: the template says
    /// behind or ahead).
    Points(f64),
    /// A difference of two percentages, in percentage points (absolute value).
    PercentagePoints(f64),
    /// A percentage given as a percent (45.3 for 45.3 %).
    Percent(f64),
    /// A rate given as a fraction (0.053 for 5.3 %).
    Rate(f64),
    /// A rank (fractional under average ties).
    Rank(f64),
    /// How many of something.
    Count(usize),
    /// A number of years, from a projection.
    Years(f64),
    /// A value in an indicator's own unit: up to two decimals, trailing zeros dropped.
    Value(f64),
}

impl Lang {
    /// `number` as this language writes it.
    pub fn number(self, number: Number) -> String {
        match self {
            Lang::ZhCn => zh_cn(number),
            Lang::En => en(number),
        }
    }

    /// The table of templates of this language.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::ZhCn => &ZH_CN,
            Lang::En => &EN,
        }
    }

    /// Between the sentences of a paragraph: a space in English, nothing after a Chinese
    /// full stop.
    pub fn sentence_joiner(self) -> &'static str {
        match self {
            Lang::ZhCn => "",
            Lang::En => " ",
        }
    }

    /// The BCP 47 tag of the language, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// Numbers in Chinese text.
fn zh_cn(number: Number) -> String {
    match number {
        Number::Score(x) => format!("{}分", decimal(Some(x))),
        Number::Points(x) => format!("{}分", decimal(Some(x.abs()))),
        Number::PercentagePoints(x) => format!("{}个百分点", decimal(Some(x.abs()))),
        Number::Percent(x) => format!("{}%", decimal(Some(x))),
        Number::Rate(x) => format!("{}%", decimal(Some(x * 100.0))),
        Number::Rank(r) => format!("第{}位", rank_digits(r)),
        Number::Count(n) => format!("{n}个"),
        Number::Years(t) => format!("{}年", decimal(Some(t))),
        Number::Value(x) => value(x),
    }
}

/// Numbers in English text.
fn en(number: Number) -> String {
    match number {
        Number::Score(x) => decimal(Some(x)),
        Number::Points(x) => format!("{} points", decimal(Some(x.abs()))),
        Number::PercentagePoints(x) => {
            format!("{} percentage points", decimal(Some(x.abs())))
        }
        Number::Percent(x) => format!("{}%", decimal(Some(x))),
        Number::Rate(x) => format!("{}%", decimal(Some(x * 100.0))),
        Number::Rank(r) => ordinal(r),
        Number::Count(n) => n.to_string(),
        Number::Years(t) => format!("{} years", decimal(Some(t))),
        Number::Value(x) => value(x),
    }
}

/// A raw value: two decimals at most, without trailing zeros, digits grouped in threes as in
/// the widget (`60,000`, `0.84`, `1,065.33`).
fn value(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, format!(".{f}")),
        None => (digits, String::new()),
    };
    let mut grouped = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped + &fraction
}

/// A rank's digits: whole ranks without decimals, shared (average) ranks with one.
fn rank_digits(rank: f64) -> String {
    if rank.fract() == 0.0 {
        format!("{rank:.0}")
    } else {
        decimal(Some(rank))
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`; a shared rank such as 2.5 is
/// written `2.5th`.
fn ordinal(rank: f64) -> String {
    let digits = rank_digits(rank);
    if rank.fract() != 0.0 {
        return format!("{digits}th");
    }
    // A whole rank is a small non-negative integer, so the cast is exact.
    let n = rank.abs() as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{digits}{suffix}")
}

/// Every fixed piece of text of the brief in one language. Placeholders are `{name}`; the
/// text module fills them with [`Number`]s formatted by the language and names from the
/// data.
pub struct Words {
    /// Document title.
    pub title: &'static str,
    /// Under the title: the index, year and build.
    pub subtitle: &'static str,
    /// Score and rank.
    pub headline: &'static str,
    /// Score and rank of a unit without a rank (a reference row).
    pub headline_unranked: &'static str,
    /// The comparisons' sentence: `{focus}` then the items joined.
    pub compared: &'static str,
    /// One comparison, focus behind.
    pub behind: &'static str,
    /// One comparison, focus ahead.
    pub ahead: &'static str,
    /// One comparison, level at the displayed precision.
    pub level: &'static str,
    /// Between items of a list.
    pub list_separator: &'static str,
    /// Before the last item of a list of more than one.
    pub list_last: &'static str,
    /// Between names in a group's label and items of an enumeration.
    pub name_separator: &'static str,
    /// Before the last item of an enumeration of parallel items: `、` in Chinese, ` and ` in
    /// English.
    pub enumeration_last: &'static str,
    /// The years of the brief: the year computed and the base year.
    pub years_with_base: &'static str,
    /// Rank went up since the base year.
    pub rank_up: &'static str,
    /// Rank went down since the base year.
    pub rank_down: &'static str,
    /// Rank unchanged since the base year.
    pub rank_same: &'static str,
    /// The gap to the first comparison narrowed since the base year.
    pub gap_narrowed: &'static str,
    /// The gap widened since the base year.
    pub gap_widened: &'static str,
    /// The pillars that explain the gap.
    pub drivers: &'static str,
    /// One pillar or indicator with its contribution and share of the gap.
    pub driver: &'static str,
    /// Pillars on which the focus is ahead.
    pub ahead_on: &'static str,
    /// One pillar ahead, with its contribution.
    pub ahead_item: &'static str,
    /// The indicators that explain most of the gap.
    pub indicator_drivers: &'static str,
    /// No gap to explain (the focus is level or ahead).
    pub nothing_to_explain: &'static str,
    /// Catch-up at current growth.
    pub catch_up_years: &'static str,
    /// Catch-up never at current growth.
    pub catch_up_never: &'static str,
    /// Already level or ahead.
    pub catch_up_done: &'static str,
    /// Growth needed by the deadline.
    pub catch_up_needed: &'static str,
    /// Catch-up needs positive scores for a compound rate; the trend is used.
    pub catch_up_trend: &'static str,
    /// Catch-up needs more than one year of data.
    pub catch_up_one_year: &'static str,
    /// Catch-up could not be computed for this comparison.
    pub catch_up_failed: &'static str,
    /// Why not: the growth window holds fewer than two years.
    pub reason_window: &'static str,
    /// Why not: the deadline is not after the last year.
    pub reason_deadline: &'static str,
    /// Why not, for any other reason: the library's own message (in English) follows.
    pub reason_other: &'static str,
    /// The rank's uncertainty interval.
    pub uncertainty: &'static str,
    /// How many targets are achieved or progressing significantly.
    pub progress_summary: &'static str,
    /// One target's assessment.
    pub progress_item: &'static str,
    /// A target already met.
    pub progress_achieved: &'static str,
    /// A target whose progress cannot be classified.
    pub progress_unclassified: &'static str,
    /// Names of the progress classes, in the order of `Class`: achieved, significant
    /// progress, moderate progress, insufficient progress, moving away, moderate movement
    /// away, significant movement away, insufficient data, not assessable.
    pub classes: [&'static str; 9],
    /// Progress section.
    pub section_progress: &'static str,
    /// Progress sheet.
    pub sheet_progress: &'static str,
    /// Target column.
    pub col_target_value: &'static str,
    /// Start value column.
    pub col_start: &'static str,
    /// End value column.
    pub col_end: &'static str,
    /// Actual rate column.
    pub col_actual_rate: &'static str,
    /// Class column.
    pub col_class: &'static str,
    /// SDSN trend column.
    pub col_trend: &'static str,
    /// Section headings.
    pub section_summary: &'static str,
    /// Ranking section.
    pub section_ranking: &'static str,
    /// Gap section.
    pub section_gaps: &'static str,
    /// Catch-up section.
    pub section_catch_up: &'static str,
    /// Uncertainty section.
    pub section_uncertainty: &'static str,
    /// Method section.
    pub section_method: &'static str,
    /// Chart titles and descriptions.
    pub chart_ranking: &'static str,
    /// The ranking chart's description.
    pub chart_ranking_desc: &'static str,
    /// Gap chart title (contributions of pillars).
    pub chart_contributions: &'static str,
    /// Its description.
    pub chart_contributions_desc: &'static str,
    /// Gap chart title when the index has no pillars (gaps to each comparison).
    pub chart_gaps: &'static str,
    /// Its description.
    pub chart_gaps_desc: &'static str,
    /// Trend chart title.
    pub chart_trend: &'static str,
    /// Its description.
    pub chart_trend_desc: &'static str,
    /// Caption of the ranking table.
    pub table_ranking: &'static str,
    /// Caption of the table of gaps to each comparison.
    pub table_gaps: &'static str,
    /// Caption of the table of every node's gap and contribution.
    pub table_contributions: &'static str,
    /// Mark of a reference row in charts and tables.
    pub not_ranked: &'static str,
    /// A name with a remark or code after it.
    pub with_note: &'static str,
    /// Comparison labels.
    pub leader: &'static str,
    /// The frontier.
    pub frontier: &'static str,
    /// The mean of all ranked units.
    pub average: &'static str,
    /// The median of all ranked units.
    pub median: &'static str,
    /// A group's mean.
    pub group_mean: &'static str,
    /// A group's median.
    pub group_median: &'static str,
    /// A group's best member.
    pub group_best: &'static str,
    /// A target value.
    pub target: &'static str,
    /// A target in a sentence that gives its value next to it.
    pub the_target: &'static str,
    /// Table headers.
    pub col_rank: &'static str,
    /// Unit column.
    pub col_unit: &'static str,
    /// Code column.
    pub col_code: &'static str,
    /// Score column.
    pub col_score: &'static str,
    /// Node column.
    pub col_node: &'static str,
    /// Level column.
    pub col_level: &'static str,
    /// Comparison column.
    pub col_comparison: &'static str,
    /// Focus value column.
    pub col_focus: &'static str,
    /// Comparison value column.
    pub col_compared: &'static str,
    /// Gap column.
    pub col_gap: &'static str,
    /// Gap in percent column.
    pub col_percent: &'static str,
    /// Rank gap column.
    pub col_rank_gap: &'static str,
    /// Contribution to parent column.
    pub col_to_parent: &'static str,
    /// Contribution to index column.
    pub col_to_index: &'static str,
    /// Growth measure column.
    pub col_growth: &'static str,
    /// Window column.
    pub col_window: &'static str,
    /// Focus growth column.
    pub col_focus_growth: &'static str,
    /// Comparison growth column.
    pub col_compared_growth: &'static str,
    /// Years to catch up column.
    pub col_years: &'static str,
    /// Year reached column.
    pub col_reached: &'static str,
    /// Deadline column.
    pub col_deadline: &'static str,
    /// Target at deadline column.
    pub col_target: &'static str,
    /// Needed compound rate column.
    pub col_needed_rate: &'static str,
    /// Needed increase per year column.
    pub col_needed_per_year: &'static str,
    /// Note column.
    pub col_note: &'static str,
    /// Item column of the method sheet.
    pub col_item: &'static str,
    /// Description column of the method sheet.
    pub col_description: &'static str,
    /// Growth measures.
    pub growth_cagr: &'static str,
    /// The linear trend.
    pub growth_trend: &'static str,
    /// "never" in tables.
    pub never: &'static str,
    /// Sheet names.
    pub sheet_scores: &'static str,
    /// Ranks sheet.
    pub sheet_ranks: &'static str,
    /// Gaps sheet.
    pub sheet_gaps: &'static str,
    /// Catch-up sheet.
    pub sheet_catch_up: &'static str,
    /// Method sheet.
    pub sheet_method: &'static str,
    /// Input data sheet.
    pub sheet_data: &'static str,
    /// Method rows.
    pub method_focus: &'static str,
    /// The comparisons.
    pub method_comparisons: &'static str,
    /// The year computed and the base year.
    pub method_years: &'static str,
    /// Normalisation.
    pub method_normalise: &'static str,
    /// Weights.
    pub method_weights: &'static str,
    /// Aggregation.
    pub method_aggregate: &'static str,
    /// Ranking.
    pub method_rank: &'static str,
    /// Imputation.
    pub method_impute: &'static str,
    /// Treatment.
    pub method_treat: &'static str,
    /// The spec as JSON.
    pub method_json: &'static str,
    /// How scores are shown.
    pub method_precision: &'static str,
    /// The precision's text.
    pub method_precision_text: &'static str,
    /// Deadline of the growth needed.
    pub method_deadline: &'static str,
    /// Uncertainty settings.
    pub method_uncertainty: &'static str,
    /// The uncertainty setting's text.
    pub method_uncertainty_text: &'static str,
}

impl Words {
    /// The name of a progress class.
    pub fn class(&self, class: Class) -> &'static str {
        let k = match class {
            Class::Achieved => 0,
            Class::SignificantProgress => 1,
            Class::ModerateProgress => 2,
            Class::InsufficientProgress => 3,
            Class::MovingAway => 4,
            Class::ModerateMovementAway => 5,
            Class::SignificantMovementAway => 6,
            Class::InsufficientData => 7,
            Class::NotAssessable => 8,
        };
        self.classes[k]
    }
}

/// Simplified Chinese.
pub const ZH_CN: Words = Words {
    title: "{focus}{index}对标分析简报",
    subtitle: "{year}年数据；{units}地区参与排名",
    headline: "{year}年，{focus}的{index}得分为{score}，在参与排名的{units}地区中居{rank}。",
    headline_unranked: "{year}年，{focus}的{index}得分为{score}（不参与排名）。",
    compared: "{focus}{items}。",
    behind: "比{comparison}（{value}）低{gap}",
    ahead: "比{comparison}（{value}）高{gap}",
    level: "与{comparison}（{value}）持平",
    list_separator: "，",
    list_last: "，",
    name_separator: "、",
    enumeration_last: "、",
    years_with_base: "{year}年（基期{base}年）",
    rank_up: "与{base}年（{base_rank}）相比，排名上升{places}位，升至{rank}。",
    rank_down: "与{base}年（{base_rank}）相比，排名下降{places}位，降至{rank}。",
    rank_same: "与{base}年相比，排名不变，仍居{rank}。",
    gap_narrowed: "与{comparison}相比，差距由{base}年的{base_gap}缩小至{gap}。",
    gap_widened: "与{comparison}相比，差距由{base}年的{base_gap}扩大至{gap}。",
    drivers: "与{comparison}相比，差距主要来自{items}。",
    driver: "{node}（{contribution}，占差距的{share}）",
    ahead_on: "{focus}在{items}上领先。",
    ahead_item: "{node}（{contribution}）",
    indicator_drivers: "指标层面，差距最大的是{items}。",
    nothing_to_explain: "{focus}不落后于{comparison}，没有需要解释的差距。",
    catch_up_years: "按{window}年的年均增速（{focus}{focus_growth}，{comparison}{comparison_growth}），{focus}约需{years}（约{reached}年）赶上{comparison}。",
    catch_up_never: "按{window}年的年均增速（{focus}{focus_growth}，{comparison}{comparison_growth}，后者高{difference}），{focus}赶不上{comparison}。",
    catch_up_done: "{focus}已不落后于{comparison}。",
    catch_up_needed: "若要在{deadline}年赶上{comparison}（届时预计为{target}），{focus}的得分需年均增长{rate}（每年提高{per_year}）。",
    catch_up_trend: "按{window}年的线性趋势（{focus}每年{focus_growth}，{comparison}每年{comparison_growth}）推算。",
    catch_up_one_year: "数据只有一个年份，无法测算追赶年限。",
    catch_up_failed: "与{comparison}的追赶年限无法测算：{reason}",
    reason_window: "用于测算增长的年份不足两个",
    reason_deadline: "目标年份须晚于数据的最后年份",
    reason_other: "计算条件不满足（{detail}）",
    uncertainty: "在{runs}次不确定性模拟中，{focus}排名的90%区间为{low}至{high}（中位数{median}）。",
    progress_summary: "在{n}项设有目标的指标中，{k}项已实现或进展显著。",
    progress_item: "{node}：{end_year}年为{end}，距{target_year}年的目标{target}尚差{remaining}；{window}年年均增长{actual}，按期达标需年均增长{required}，评价为“{class}”（{arrow}）。",
    progress_achieved: "{node}：{end_year}年为{end}，已达到{target_year}年的目标{target}。",
    progress_unclassified: "{node}：目标为{target_year}年达到{target}，{class}。",
    classes: [
        "已实现",
        "进展显著",
        "有一定进展",
        "进展不足",
        "背离目标",
        "轻度背离",
        "明显背离",
        "数据不足",
        "无法评估",
    ],
    section_progress: "目标进展",
    sheet_progress: "目标进展",
    col_target_value: "目标值",
    col_start: "起始值",
    col_end: "最新值",
    col_actual_rate: "实际年均增速",
    col_class: "评价",
    col_trend: "趋势",
    section_summary: "摘要",
    section_ranking: "排名",
    section_gaps: "差距从何而来",
    section_catch_up: "追赶",
    section_uncertainty: "排名的不确定性",
    section_method: "方法",
    chart_ranking: "{index}得分与排名（{year}年）",
    chart_ranking_desc: "横条图：各地区得分从高到低排列，{focus}以深色标出。",
    chart_contributions: "与{comparison}差距的构成（{year}年）",
    chart_contributions_desc: "横条图：各分项对指数差距的贡献（分），正值表示{focus}落后。",
    chart_gaps: "与各对比对象的差距（{year}年）",
    chart_gaps_desc: "横条图：{focus}与各对比对象的得分差距（分），正值表示{focus}落后。",
    chart_trend: "{index}得分走势",
    chart_trend_desc: "折线图：{focus}与各对比对象逐年的指数得分。",
    table_ranking: "各地区得分与排名",
    table_gaps: "指数与各对比对象的差距",
    table_contributions: "与{comparison}的差距：逐项明细",
    not_ranked: "不参与排名",
    with_note: "{name}（{note}）",
    leader: "排名首位的{name}",
    frontier: "各项最优水平",
    average: "参与排名地区的平均水平",
    median: "参与排名地区的中位数",
    group_mean: "{names}的平均水平",
    group_median: "{names}的中位数",
    group_best: "{names}中的最优水平",
    target: "目标值{value}",
    the_target: "目标值",
    col_rank: "排名",
    col_unit: "地区",
    col_code: "代码",
    col_score: "得分",
    col_node: "指标",
    col_level: "层级",
    col_comparison: "对比对象",
    col_focus: "本地区",
    col_compared: "对比值",
    col_gap: "差距",
    col_percent: "差距（%）",
    col_rank_gap: "名次差",
    col_to_parent: "对上级差距的贡献",
    col_to_index: "对指数差距的贡献",
    col_growth: "增速口径",
    col_window: "测算期",
    col_focus_growth: "本地区增速",
    col_compared_growth: "对比对象增速",
    col_years: "追赶年限",
    col_reached: "赶上年份",
    col_deadline: "目标年份",
    col_target: "目标年份的对比值",
    col_needed_rate: "所需年均增速",
    col_needed_per_year: "所需年均增量",
    col_note: "说明",
    col_item: "项目",
    col_description: "内容",
    growth_cagr: "年均复合增长率",
    growth_trend: "线性趋势（每年）",
    never: "赶不上",
    sheet_scores: "得分",
    sheet_ranks: "排名",
    sheet_gaps: "差距",
    sheet_catch_up: "追赶",
    sheet_method: "方法",
    sheet_data: "原始数据",
    method_focus: "分析对象",
    method_comparisons: "对比对象",
    method_years: "年份",
    method_normalise: "标准化",
    method_weights: "权重",
    method_aggregate: "合成",
    method_rank: "排名规则",
    method_impute: "缺失值插补",
    method_treat: "异常值处理",
    method_json: "构建规格（JSON）",
    method_precision: "显示精度",
    method_precision_text: "得分与差距保留一位小数；排名按未取整的得分计算，除非构建规格要求取整。",
    method_deadline: "目标年份",
    method_uncertainty: "不确定性分析",
    method_uncertainty_text: "{runs}次模拟，随机数种子{seed}，规格文件{file}",
};

/// English.
pub const EN: Words = Words {
    title: "{focus} on the {index}: a benchmarking brief",
    subtitle: "Data of {year}; {units} units ranked",
    headline: "In {year}, {focus} scores {score} on the {index}, ranking {rank} of {units}.",
    headline_unranked: "In {year}, {focus} scores {score} on the {index} (not ranked).",
    compared: "{focus} is {items}.",
    behind: "{gap} behind {comparison} ({value})",
    ahead: "{gap} ahead of {comparison} ({value})",
    level: "level with {comparison} ({value})",
    list_separator: ", ",
    list_last: " and ",
    name_separator: ", ",
    enumeration_last: " and ",
    years_with_base: "{year} (base year {base})",
    rank_up: "Since {base} ({base_rank}) it has moved up {places} to {rank}.",
    rank_down: "Since {base} ({base_rank}) it has moved down {places} to {rank}.",
    rank_same: "Its rank is the same as in {base}: {rank}.",
    gap_narrowed: "The gap to {comparison} has narrowed from {base_gap} in {base} to {gap}.",
    gap_widened: "The gap to {comparison} has widened from {base_gap} in {base} to {gap}.",
    drivers: "The gap to {comparison} comes mostly from {items}.",
    driver: "{node} ({contribution}, {share} of the gap)",
    ahead_on: "{focus} is ahead on {items}.",
    ahead_item: "{node} ({contribution})",
    indicator_drivers: "Among the indicators, the largest gaps are in {items}.",
    nothing_to_explain: "{focus} is not behind {comparison}: there is no gap to explain.",
    catch_up_years: "At the average yearly growth of {window} ({focus} {focus_growth}, {comparison} {comparison_growth}), {focus} would reach {comparison} in about {years} (around {reached}).",
    catch_up_never: "At the average yearly growth of {window} ({focus} {focus_growth}, {comparison} {comparison_growth}, {difference} faster), {focus} would not reach {comparison}.",
    catch_up_done: "{focus} is already level with or ahead of {comparison}.",
    catch_up_needed: "To reach {comparison} by {deadline} (projected at {target}), {focus} needs its score to grow by {rate} a year ({per_year} a year).",
    catch_up_trend: "Projected on the linear trend of {window} ({focus} {focus_growth} a year, {comparison} {comparison_growth} a year).",
    catch_up_one_year: "The data have one year only: catch-up cannot be projected.",
    catch_up_failed: "Catch-up with {comparison} cannot be projected: {reason}",
    reason_window: "the growth window holds fewer than two years",
    reason_deadline: "the deadline must be after the data's last year",
    reason_other: "{detail}",
    uncertainty: "Over {runs} uncertainty simulations, the 90% interval of the rank of {focus} is {low} to {high} (median {median}).",
    progress_summary: "Targets achieved or with significant progress: {k} of {n}.",
    progress_item: "{node}: {end} in {end_year}, {remaining} short of the target of {target} for {target_year}; yearly growth {actual} over {window}, {required} needed: {class} ({arrow}).",
    progress_achieved: "{node}: {end} in {end_year}, already meeting the target of {target} for {target_year}.",
    progress_unclassified: "{node}: target {target} by {target_year}; {class}.",
    classes: [
        "achieved",
        "significant progress",
        "moderate progress",
        "insufficient progress",
        "moving away",
        "moderate movement away",
        "significant movement away",
        "insufficient data",
        "not assessable",
    ],
    section_progress: "Progress toward targets",
    sheet_progress: "Progress",
    col_target_value: "Target",
    col_start: "Start value",
    col_end: "Latest value",
    col_actual_rate: "Actual yearly growth",
    col_class: "Class",
    col_trend: "Trend",
    section_summary: "Summary",
    section_ranking: "Ranking",
    section_gaps: "What explains the gap",
    section_catch_up: "Catching up",
    section_uncertainty: "How certain the rank is",
    section_method: "Method",
    chart_ranking: "{index}: scores and ranks, {year}",
    chart_ranking_desc: "Bar chart: every unit's score, highest first; {focus} is marked in a darker colour.",
    chart_contributions: "What makes up the gap to {comparison}, {year}",
    chart_contributions_desc: "Bar chart: each pillar's contribution to the index gap, in points; positive means {focus} is behind.",
    chart_gaps: "Gaps to each comparison, {year}",
    chart_gaps_desc: "Bar chart: the gap of {focus} to each comparison, in points; positive means {focus} is behind.",
    chart_trend: "{index}: scores over time",
    chart_trend_desc: "Line chart: the index score of {focus} and of each comparison, year by year.",
    table_ranking: "Scores and ranks of every unit",
    table_gaps: "The index's gap to each comparison",
    table_contributions: "The gap to {comparison}, node by node",
    not_ranked: "not ranked",
    with_note: "{name} ({note})",
    leader: "the leader {name}",
    frontier: "the frontier",
    average: "the mean of all ranked units",
    median: "the median of all ranked units",
    group_mean: "the mean of {names}",
    group_median: "the median of {names}",
    group_best: "the best of {names}",
    target: "the target {value}",
    the_target: "the target",
    col_rank: "Rank",
    col_unit: "Unit",
    col_code: "Code",
    col_score: "Score",
    col_node: "Indicator",
    col_level: "Level",
    col_comparison: "Comparison",
    col_focus: "Focus",
    col_compared: "Compared",
    col_gap: "Gap",
    col_percent: "Gap (%)",
    col_rank_gap: "Rank gap",
    col_to_parent: "Contribution to parent gap",
    col_to_index: "Contribution to index gap",
    col_growth: "Growth measure",
    col_window: "Window",
    col_focus_growth: "Focus growth",
    col_compared_growth: "Comparison growth",
    col_years: "Years to catch up",
    col_reached: "Year reached",
    col_deadline: "Deadline",
    col_target: "Comparison at deadline",
    col_needed_rate: "Needed yearly growth",
    col_needed_per_year: "Needed increase a year",
    col_note: "Note",
    col_item: "Item",
    col_description: "Description",
    growth_cagr: "Compound annual growth",
    growth_trend: "Linear trend (a year)",
    never: "never",
    sheet_scores: "Scores",
    sheet_ranks: "Ranks",
    sheet_gaps: "Gaps",
    sheet_catch_up: "Catch-up",
    sheet_method: "Method",
    sheet_data: "Input data",
    method_focus: "Focus unit",
    method_comparisons: "Comparisons",
    method_years: "Years",
    method_normalise: "Normalisation",
    method_weights: "Weights",
    method_aggregate: "Aggregation",
    method_rank: "Ranking",
    method_impute: "Imputation",
    method_treat: "Outlier treatment",
    method_json: "Build spec (JSON)",
    method_precision: "Precision shown",
    method_precision_text: "Scores and gaps have one decimal; ranks are computed on the unrounded scores unless the build spec rounds them.",
    method_deadline: "Deadline",
    method_uncertainty: "Uncertainty analysis",
    method_uncertainty_text: "{runs} replications, seed {seed}, spec file {file}",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_take_their_measure_words() {
        let zh = |n| Lang::ZhCn.number(n);
        assert_eq!(zh(Number::Score(26.2)), "26.2分");
        assert_eq!(
            zh(Number::Points(-39.1)),
            "39.1分",
            "the template says behind"
        );
        assert_eq!(zh(Number::PercentagePoints(1.25)), "1.3个百分点");
        assert_eq!(zh(Number::Rate(0.0534)), "5.3%");
        assert_eq!(zh(Number::Percent(59.88)), "59.9%");
        assert_eq!(zh(Number::Rank(7.0)), "第7位");
        assert_eq!(zh(Number::Rank(2.5)), "第2.5位");
        assert_eq!(zh(Number::Count(31)), "31个");
        assert_eq!(zh(Number::Years(12.34)), "12.3年");
        assert_eq!(zh(Number::Value(60000.0)), "60,000");
        assert_eq!(zh(Number::Value(0.84)), "0.84");
        assert_eq!(zh(Number::Value(1065.3333)), "1,065.33");
        assert_eq!(zh(Number::Value(-118.3)), "-118.3");
    }

    #[test]
    fn english_ranks_are_ordinals() {
        let en = |r| Lang::En.number(Number::Rank(r));
        for (r, want) in [
            (1.0, "1st"),
            (2.0, "2nd"),
            (3.0, "3rd"),
            (4.0, "4th"),
            (11.0, "11th"),
            (12.0, "12th"),
            (13.0, "13th"),
            (21.0, "21st"),
            (22.0, "22nd"),
            (101.0, "101st"),
            (111.0, "111th"),
            (2.5, "2.5th"),
        ] {
            assert_eq!(en(r), want, "{r}");
        }
        assert_eq!(Lang::En.number(Number::Points(39.1)), "39.1 points");
        assert_eq!(
            Lang::En.number(Number::PercentagePoints(-0.5)),
            "0.5 percentage points"
        );
    }

    #[test]
    fn chinese_templates_use_full_width_punctuation() {
        // Every Chinese template that ends a sentence ends with a full-width stop, and none
        // holds a half-width comma, semicolon, colon or parenthesis.
        for t in [
            ZH_CN.headline,
            ZH_CN.compared,
            ZH_CN.rank_up,
            ZH_CN.rank_down,
            ZH_CN.rank_same,
            ZH_CN.gap_narrowed,
            ZH_CN.drivers,
            ZH_CN.catch_up_years,
            ZH_CN.catch_up_never,
            ZH_CN.catch_up_needed,
            ZH_CN.uncertainty,
            ZH_CN.progress_summary,
            ZH_CN.progress_item,
            ZH_CN.progress_achieved,
            ZH_CN.progress_unclassified,
        ] {
            assert!(t.ends_with('。'), "{t}");
            for c in [',', ';', ':', '(', ')'] {
                assert!(!t.contains(c), "{c} in {t}");
            }
        }
    }
}
