//! `yardstick export --html`: the ranking table of `<yardstick-widget>` as static HTML. A portal
//! puts it inside the element, where it is the view of readers without JavaScript, of search
//! engines and of everyone until the widget's module has loaded and replaced it.

use std::collections::BTreeMap;
use yardstick::{Dataset, Error, Plan};
use yardstick::{NodeId, PeriodId, UnitId};

use crate::args::{ExportArgs, Lang};
use crate::unit_code::unit_index;

/// Shown for a missing rank or score, as in the widget.
const MISSING: &str = "–";

/// The widget's words for the table (`www/messages.js`).
struct Labels {
    rank: &'static str,
    unit: &'static str,
    score: &'static str,
    not_ranked: &'static str,
}

const ZH_CN: Labels = Labels {
    rank: "排名",
    unit: "地区",
    score: "得分",
    not_ranked: "不参与排名",
};

const EN: Labels = Labels {
    rank: "Rank",
    unit: "Unit",
    score: "Score",
    not_ranked: "not ranked",
};

/// The ranking of `period` as an HTML `<table class="ys-table">`, laid out as the widget draws
/// it before any sorting: a column each for the rank, the unit, the index score and each
/// pillar's score (the root's children, in iMeta order); ranked units by rank (units without a
/// rank last, ties in data order), then reference rows, marked not ranked. Ranks and scores
/// are the plan's results; scores have one decimal, written as the widget's
/// `Intl.NumberFormat` writes them in both languages. All text from the data is escaped.
pub fn ranking(
    a: &ExportArgs,
    data: &Dataset,
    plan: &Plan,
    period: PeriodId,
) -> Result<String, Error> {
    let focus = match a.focus.as_deref() {
        Some(code) => Some(unit_index(data, code)?),
        None => None,
    };
    let results = plan.run(data, period)?;
    let fw = plan.framework();
    let root = fw.root();
    let columns: Vec<NodeId> = std::iter::once(root)
        .chain(fw.children(root).iter().copied())
        .collect();
    let labels = match a.lang {
        Lang::ZhCn => &ZH_CN,
        Lang::En => &EN,
    };
    let node = |n: NodeId| {
        let node = fw.node(n);
        name(node.code.as_str(), &node.name, &node.names, a.lang)
    };

    let mut out = String::from("<table class=\"ys-table\">\n");
    out.push_str(&format!(
        "<caption>{}</caption>\n",
        escape(&caption(a.lang, node(root), results.year))
    ));
    out.push_str("<thead>\n<tr>");
    out.push_str(&format!(
        "<th scope=\"col\" class=\"ys-number\">{}</th><th scope=\"col\">{}</th>",
        labels.rank, labels.unit
    ));
    for (k, &n) in columns.iter().enumerate() {
        let label = if k == 0 { labels.score } else { node(n) };
        out.push_str(&format!(
            "<th scope=\"col\" class=\"ys-number\">{}</th>",
            escape(label)
        ));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let ranks = results.ranks(root);
    for u in ranking_order(data, ranks) {
        let unit = data.unit(u);
        let classes: Vec<&str> = [
            (focus == Some(u)).then_some("ys-focus"),
            (!unit.is_ranked()).then_some("ys-aggregate"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if classes.is_empty() {
            out.push_str("<tr>");
        } else {
            out.push_str(&format!("<tr class=\"{}\">", classes.join(" ")));
        }
        let rank = ranks[u.index()].map_or_else(|| MISSING.to_owned(), |r| r.to_string());
        out.push_str(&format!(
            "<td class=\"ys-number\">{rank}</td><th scope=\"row\">{}",
            escape(name(unit.code.as_str(), &unit.name, &unit.names, a.lang))
        ));
        if !unit.is_ranked() {
            out.push_str(&format!(
                "<span class=\"ys-note\"> ({})</span>",
                labels.not_ranked
            ));
        }
        out.push_str("</th>");
        for &n in &columns {
            out.push_str(&format!(
                "<td class=\"ys-number\">{}</td>",
                decimal(results.value(n, u))
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    Ok(out)
}

/// The units in the order of the widget's table before any sorting: ranked units by rank
/// (units without a rank last, equal ranks in data order), then reference rows.
pub fn ranking_order(data: &Dataset, ranks: &[Option<f64>]) -> Vec<UnitId> {
    let (mut ranked, references): (Vec<UnitId>, Vec<UnitId>) =
        data.unit_ids().partition(|&u| data.unit(u).is_ranked());
    // A stable sort: equal ranks keep data order, as in the widget.
    ranked.sort_by(|&a, &b| match (ranks[a.index()], ranks[b.index()]) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    ranked.extend(references);
    ranked
}

/// The table's caption, as the widget's `caption` and `captionNoYear` messages.
fn caption(lang: Lang, index: &str, year: Option<i32>) -> String {
    match (lang, year) {
        (Lang::ZhCn, Some(year)) => format!("{index} {year}：排名与得分"),
        (Lang::ZhCn, None) => format!("{index}：排名与得分"),
        (Lang::En, Some(year)) => format!("{index} {year}: ranks and scores"),
        (Lang::En, None) => format!("{index}: ranks and scores"),
    }
}

/// A unit's or node's name as the widget chooses it: the name in `lang` (`uName_en`; for
/// Chinese `uName_zh-CN` or `uName_zh`), else the data's own name, else the code.
pub fn name<'a>(
    code: &'a str,
    own: &'a str,
    names: &'a BTreeMap<String, String>,
    lang: Lang,
) -> &'a str {
    let local = match lang {
        Lang::En => names.get("en"),
        Lang::ZhCn => names.get("zh-CN").or_else(|| names.get("zh")),
    };
    [local.map(String::as_str), Some(own)]
        .into_iter()
        .flatten()
        .find(|text| !text.is_empty())
        .unwrap_or(code)
}

/// A score with one decimal and thousands separators, as `Intl.NumberFormat` writes it in
/// English and in Chinese; `–` for a missing score.
pub fn decimal(x: Option<f64>) -> String {
    let Some(x) = x else {
        return MISSING.to_owned();
    };
    // Halfway between two tenths is exact only for odd multiples of 0.25. Rust rounds such a
    // tie to even and Intl away from zero; the next float away from zero gives Intl's digits
    // (incrementing the bits of a finite float increases its magnitude).
    let quarters = x.abs() * 4.0;
    let x = if quarters.fract() == 0.0 && quarters % 2.0 == 1.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        x
    };
    let text = format!("{x:.1}");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{fraction}")
}

/// Text for HTML content or a quoted attribute value: `&`, `<`, `>`, `"` and `'` as
/// character references, everything else unchanged.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_the_five_markup_characters() {
        assert_eq!(
            escape(r#"<img src=x onerror=alert(1)> & "a" 'b'"#),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;a&quot; &#39;b&#39;"
        );
        assert_eq!(escape("广西 &amp;"), "广西 &amp;amp;", "escaped once more");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn scores_are_written_as_intl_number_format_writes_them() {
        // Node: new Intl.NumberFormat("en", {minimumFractionDigits: 1,
        // maximumFractionDigits: 1}).format(x); "zh-CN" gives the same text.
        for (x, want) in [
            (65.3, "65.3"),
            (26.25, "26.3"),
            (0.25, "0.3"),
            (-0.25, "-0.3"),
            (0.75, "0.8"),
            (0.05, "0.1"),
            (2.5, "2.5"),
            (-0.04, "-0.0"),
            (100.0, "100.0"),
            (1234.5, "1,234.5"),
            (1_234_567.89, "1,234,567.9"),
            (-999_999.96, "-1,000,000.0"),
        ] {
            assert_eq!(decimal(Some(x)), want, "{x}");
        }
        assert_eq!(decimal(None), "–");
    }

    #[test]
    fn names_follow_the_language_then_the_data_then_the_code() {
        let names: BTreeMap<String, String> = [("en".to_owned(), "Guangxi".to_owned())].into();
        assert_eq!(name("CN-GX", "广西", &names, Lang::En), "Guangxi");
        assert_eq!(name("CN-GX", "广西", &names, Lang::ZhCn), "广西");
        let zh: BTreeMap<String, String> = [("zh".to_owned(), "广西壮族自治区".to_owned())].into();
        assert_eq!(name("CN-GX", "Guangxi", &zh, Lang::ZhCn), "广西壮族自治区");
        let empty: BTreeMap<String, String> = [("en".to_owned(), String::new())].into();
        assert_eq!(name("CN-GX", "", &empty, Lang::En), "CN-GX");
    }

    #[test]
    fn captions_match_the_widget_messages() {
        assert_eq!(
            caption(Lang::ZhCn, "创新指数", Some(2023)),
            "创新指数 2023：排名与得分"
        );
        assert_eq!(caption(Lang::En, "Index", None), "Index: ranks and scores");
    }
}
