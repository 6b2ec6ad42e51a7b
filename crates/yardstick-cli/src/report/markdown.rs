//! The brief as Markdown, for pasting into WPS or Word: the same sentences and tables as the
//! HTML page, each chart as a link to its SVG file. Text from the data is escaped so that it
//! can start no Markdown or HTML construct.

use std::fmt::Write;

use super::brief::{Block, Brief, Table, Text};
use crate::args::Lang;

/// The document.
pub fn document(brief: &Brief, lang: Lang) -> String {
    let mut out = format!("# {}\n\n{}\n", text(&brief.title), text(&brief.subtitle));
    for section in &brief.sections {
        let _ = write!(out, "\n## {}\n", text(&section.heading));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Paragraph(sentences) => {
                    let body: Vec<String> = sentences.iter().map(text).collect();
                    let _ = writeln!(out, "{}", body.join(lang.sentence_joiner()));
                }
                Block::Figure(f) => {
                    let _ = writeln!(out, "![{}]({})", escape(&f.title), f.file);
                }
                Block::Table(t) => table(&mut out, t),
            }
        }
    }
    out
}

/// The brief's own words as they are (the templates hold no Markdown), data escaped.
fn text(t: &Text) -> String {
    t.render(str::to_owned, escape)
}

/// Text from the data with a backslash before each character that Markdown (CommonMark and
/// GitHub's tables) or inline HTML could read as markup: emphasis, code, links and images,
/// headings, tables, strikethrough, HTML tags and character references. Line breaks become
/// spaces, so that a name cannot end a paragraph or a table row.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "**{}**\n", text(&t.caption));
    let row = |cells: &[Text]| {
        let cells: Vec<String> = cells.iter().map(text).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.header));
    let rule: Vec<&str> = t
        .numeric
        .iter()
        .map(|&n| if n { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for r in &t.rows {
        if r.focus {
            // The focus unit's row in bold, each cell on its own.
            let bold: Vec<Text> = r
                .cells
                .iter()
                .map(|c| {
                    let mut b = Text::own("**");
                    b.push(c.clone());
                    b.push(Text::own("**"));
                    b
                })
                .collect();
            out.push_str(&row(&bold));
        } else {
            out.push_str(&row(&r.cells));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            escape("a|b *c* [d](e) &amp;"),
            "a\\|b \\*c\\* \\[d\\](e) \\&amp;"
        );
        assert_eq!(escape("广西\n# x"), "广西 \\# x");
        assert_eq!(escape("=cmd|' /C calc'!A0"), "=cmd\\|' /C calc'\\!A0");
    }
}
