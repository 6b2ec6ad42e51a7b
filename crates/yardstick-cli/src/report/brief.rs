//! The brief as a document: sections of sentences, tables and figures, rendered to HTML and
//! Markdown by their own modules. Text from the data (unit and node names, codes) is kept
//! apart from the templates' own text in every sentence and cell, so that each renderer
//! escapes it for its format.

/// A run of text: the brief's own words and formatted numbers, or a string from the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Template text and numbers the brief formatted.
    Own(String),
    /// Text from the data: escaped by every renderer.
    Data(String),
}

/// A sentence, a heading or a table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub Vec<Piece>);

impl Text {
    /// The brief's own text.
    pub fn own(text: impl Into<String>) -> Self {
        Text(vec![Piece::Own(text.into())])
    }

    /// Text from the data.
    pub fn data(text: impl Into<String>) -> Self {
        Text(vec![Piece::Data(text.into())])
    }

    /// The text with data and own text alike, unescaped (for SVG, which escapes it all, and
    /// for the workbook, which stores it as a string).
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Own(s) | Piece::Data(s) => s.as_str(),
            })
            .collect()
    }

    /// The text with each piece written by `own` or `data`.
    pub fn render(&self, own: impl Fn(&str) -> String, data: impl Fn(&str) -> String) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Own(s) => own(s),
                Piece::Data(s) => data(s),
            })
            .collect()
    }

    /// Appends another text.
    pub fn push(&mut self, other: Text) {
        self.0.extend(other.0);
    }
}

/// Fills `{name}` placeholders of `template` with `args`. A placeholder without an argument
/// is left as it is, which the templates' tests catch.
pub fn fill(template: &str, args: &[(&str, Text)]) -> Text {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let key = &rest[open + 1..close];
        match args.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => {
                if open > 0 {
                    out.push(Piece::Own(rest[..open].to_owned()));
                }
                out.extend(value.0.iter().cloned());
            }
            None => out.push(Piece::Own(rest[..=close].to_owned())),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Own(rest.to_owned()));
    }
    Text(out)
}

/// Items joined as a list: `a，b，c` or `a, b and c`.
pub fn join(items: Vec<Text>, separator: &str, last: &str) -> Text {
    let n = items.len();
    let mut out = Text::default();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.0.push(Piece::Own(
                if i + 1 == n { last } else { separator }.to_owned(),
            ));
        }
        out.push(item);
    }
    out
}

/// A table: a caption, a header and rows of cells; numeric columns are right-aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Caption.
    pub caption: Text,
    /// Column names.
    pub header: Vec<Text>,
    /// Which columns hold numbers.
    pub numeric: Vec<bool>,
    /// Rows, each as long as the header.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Cells.
    pub cells: Vec<Text>,
    /// The focus unit's row.
    pub focus: bool,
}

/// A chart: the file it is also written to and its SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File name beside the brief (`ranking.svg`).
    pub file: &'static str,
    /// Title, shown under the chart (the SVG holds it too, for readers of the file alone).
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

/// A part of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of sentences.
    Paragraph(Vec<Text>),
    /// A chart.
    Figure(Figure),
    /// A table.
    Table(Table),
}

/// A section with a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading.
    pub heading: Text,
    /// Content, in order.
    pub blocks: Vec<Block>,
}

/// The whole brief.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// Title.
    pub title: Text,
    /// Line under the title.
    pub subtitle: Text,
    /// Sections.
    pub sections: Vec<Section>,
}

impl Brief {
    /// Every figure, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_keeps_data_apart_from_the_template() {
        let t = fill(
            "{focus}比{comparison}低{gap}。",
            &[
                ("focus", Text::data("<b>")),
                ("comparison", Text::data("广东")),
                ("gap", Text::own("39.1分")),
            ],
        );
        assert_eq!(
            t.0,
            [
                Piece::Data("<b>".into()),
                Piece::Own("比".into()),
                Piece::Data("广东".into()),
                Piece::Own("低".into()),
                Piece::Own("39.1分".into()),
                Piece::Own("。".into()),
            ]
        );
        assert_eq!(t.plain(), "<b>比广东低39.1分。");
        assert_eq!(fill("a {missing} b", &[]).plain(), "a {missing} b");
    }

    #[test]
    fn lists_join_with_the_last_separator() {
        let items = || ["a", "b", "c"].map(Text::data).to_vec();
        assert_eq!(join(items(), ", ", " and ").plain(), "a, b and c");
        assert_eq!(join(items()[..1].to_vec(), ", ", " and ").plain(), "a");
    }
}
