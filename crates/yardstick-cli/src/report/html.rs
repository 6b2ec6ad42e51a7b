//! The brief as one self-contained HTML page: styles and charts inline, no script, nothing
//! loaded from elsewhere, laid out for A4 when printed. Every piece of text is escaped.

use std::fmt::Write;

use super::brief::{Block, Brief, Table, Text};
use crate::args::Lang;
use crate::html::escape;

/// Screen and print styles. Print: A4 with 18 mm margins, charts and tables kept whole on a
/// page, headings kept with what follows.
const STYLE: &str = "\
:root{color:#1f2933;background:#fff}
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',\
system-ui,sans-serif;line-height:1.6;max-width:46rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
.subtitle{color:#52606d;margin:0 0 1.5rem}
h2{font-size:1.15rem;border-bottom:2px solid #9b1c1c;padding-bottom:.15rem;margin-top:1.75rem}
p{margin:.5rem 0}
figure{margin:1rem 0}
figure svg{max-width:100%;height:auto}
figcaption{font-weight:bold;font-size:.9rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem;width:100%}
caption{text-align:left;font-weight:bold;padding-bottom:.25rem}
th,td{border-bottom:1px solid #cbd2d9;padding:.2rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #52606d}
.num{text-align:right;font-variant-numeric:tabular-nums}
td{white-space:nowrap}
td:last-child{white-space:normal}
tr.focus{background:#fde8e8;font-weight:bold}
@page{size:A4;margin:18mm}
@media print{
body{margin:0;max-width:none;font-size:10.5pt}
table{font-size:9pt}
h2{break-after:avoid}
figure,table,tr{break-inside:avoid}
}
";

/// The page.
pub fn page(brief: &Brief, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
        lang.tag(),
        escape(&brief.title.plain()),
        text(&brief.title),
        text(&brief.subtitle),
    );
    for section in &brief.sections {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", text(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Paragraph(sentences) => {
                    let body: Vec<String> = sentences.iter().map(text).collect();
                    let _ = writeln!(out, "<p>{}</p>", body.join(lang.sentence_joiner()));
                }
                // The SVG is written by the chart module with every label escaped.
                Block::Figure(f) => {
                    let _ = writeln!(
                        out,
                        "<figure>\n{}<figcaption>{}</figcaption>\n</figure>",
                        f.svg,
                        escape(&f.title)
                    );
                }
                Block::Table(t) => table(&mut out, t),
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Text with both the brief's own words and the data's escaped: a template may hold `&`.
fn text(t: &Text) -> String {
    t.render(escape, escape)
}

fn table(out: &mut String, t: &Table) {
    let class = |numeric: bool| if numeric { " class=\"num\"" } else { "" };
    let _ = write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        text(&t.caption)
    );
    for (h, &numeric) in t.header.iter().zip(&t.numeric) {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(numeric), text(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    // The first text column names the row.
    let head = t.numeric.iter().position(|numeric| !numeric);
    for row in &t.rows {
        out.push_str(if row.focus {
            "<tr class=\"focus\">"
        } else {
            "<tr>"
        });
        for (i, (cell, &numeric)) in row.cells.iter().zip(&t.numeric).enumerate() {
            let tag = if Some(i) == head {
                "th scope=\"row\""
            } else {
                "td"
            };
            let close = &tag[..2];
            let _ = write!(out, "<{tag}{}>{}</{close}>", class(numeric), text(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::super::brief::{Figure, Row, Section};
    use super::*;

    fn brief() -> Brief {
        Brief {
            title: Text::data("<b>"),
            subtitle: Text::own("2020"),
            sections: vec![Section {
                heading: Text::own("排名"),
                blocks: vec![
                    Block::Paragraph(vec![Text::own("一。"), Text::data("二&。")]),
                    Block::Figure(Figure {
                        file: "ranking.svg",
                        title: "A <i>".into(),
                        svg: "<svg></svg>\n".into(),
                    }),
                    Block::Table(Table {
                        caption: Text::own("表"),
                        header: vec![Text::own("排名"), Text::own("地区")],
                        numeric: vec![true, false],
                        rows: vec![Row {
                            cells: vec![Text::own("7"), Text::data("<script>")],
                            focus: true,
                        }],
                    }),
                ],
            }],
        }
    }

    #[test]
    fn the_page_escapes_text_and_names_rows_by_their_first_text_column() {
        let page = page(&brief(), Lang::ZhCn);
        assert!(page.contains("<title>&lt;b&gt;</title>"));
        assert!(page.contains("<h1>&lt;b&gt;</h1>"));
        assert!(
            page.contains("<p>一。二&amp;。</p>"),
            "Chinese sentences join without a space"
        );
        assert!(page.contains("<figcaption>A &lt;i&gt;</figcaption>"));
        assert!(page.contains(
            "<tr class=\"focus\"><td class=\"num\">7</td><th scope=\"row\">&lt;script&gt;</th></tr>"
        ));
        assert!(!page.contains("<script>"));
        let en = super::page(&brief(), Lang::En);
        assert!(
            en.contains("<p>一。 二&amp;。</p>"),
            "English sentences join with a space"
        );
    }
}
